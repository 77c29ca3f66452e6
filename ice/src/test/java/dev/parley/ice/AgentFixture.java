package dev.parley.ice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Shared values for the agent tests. */
final class AgentFixture {

    static final IceCredentials LOCAL = new IceCredentials("LOCL", "localpasswordlocalpassword");
    static final InetSocketAddress A = address("192.0.2.1", 50000);
    static final InetSocketAddress B = address("198.51.100.7", 61000);
    static final InetSocketAddress C = address("2001:db8::5", 40001);

    private AgentFixture() {
    }

    static IceLiteAgent agent(long now) {
        return new IceLiteAgent(LOCAL, "REMT", IceSettings.DEFAULT, now);
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The hex lines of a fixture file, comments (#) dropped, one byte array per line. */
    static byte[][] hexFixture(String name) {
        try (InputStream in = AgentFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> HexFormat.of().parseHex(l.strip())).toArray(byte[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
