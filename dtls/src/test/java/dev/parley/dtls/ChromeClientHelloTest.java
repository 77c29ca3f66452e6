package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server role answers the ClientHello Chromium 156 sent (captured, two datagrams) as READING says Chrome needs. */
class ChromeClientHelloTest {

    @Test
    void chromeClientHelloGetsDtls12ServerHelloWithAesGcmSuiteGcmSrtpProfileAndExtendedMasterSecret() throws Exception {
        Outputs out = new Outputs();
        DtlsEndpoint server = new DtlsEndpoint(DtlsRole.SERVER, DtlsCertificate.generate(),
                DtlsCertificate.generate().fingerprint(), new DtlsSettings(30_000, 64, 1200), out);
        try {
            server.start(0);
            for (byte[] datagram : fixture()) {
                assertThat(server.receive(datagram, 0, datagram.length, 0)).isTrue();
            }

            byte[] first = out.sent.poll(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(first).as("the server's first flight").isNotNull();
            ServerHello hello = ServerHello.parse(first);
            assertThat(hello.version).isEqualTo(0xfefd); // DTLS 1.2
            assertThat(hello.cipherSuite).isEqualTo(0xc02b); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
            // RFC 5764 §4.1.1 use_srtp: profiles length 2, SRTP_AEAD_AES_128_GCM, empty MKI
            assertThat(hello.extension(0x000e)).isEqualTo("0002000700");
            assertThat(hello.extension(0x0017)).as("extended_master_secret (RFC 7627)").isEqualTo("");
        } finally {
            server.close();
            assertThat(server.awaitThreadExit(Outputs.WAIT)).isTrue();
        }
    }

    private static byte[][] fixture() throws IOException {
        try (InputStream in = ChromeClientHelloTest.class.getResourceAsStream("chrome156-client-hello.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> HexFormat.of().parseHex(l.strip())).toArray(byte[][]::new);
        }
    }

    /** Just enough of a DTLS record carrying an unfragmented ServerHello (RFC 6347 §4.1, §4.2.2; RFC 5246 §7.4.1.3). */
    private static final class ServerHello {
        int version;
        int cipherSuite;
        private byte[] b;
        private int extensionsAt;
        private int extensionsEnd;

        static ServerHello parse(byte[] record) {
            ServerHello h = new ServerHello();
            h.b = record;
            assertThat(record[0]).as("handshake record").isEqualTo((byte) 22);
            assertThat(record[13]).as("ServerHello").isEqualTo((byte) 2);
            int p = 13 + 12;
            h.version = h.u16(p);
            p += 2 + 32;
            p += 1 + (record[p] & 0xff);
            h.cipherSuite = h.u16(p);
            p += 2 + 1;
            int extLength = h.u16(p);
            h.extensionsAt = p + 2;
            h.extensionsEnd = h.extensionsAt + extLength;
            return h;
        }

        /** The extension's value in hex, or null if absent. */
        String extension(int type) {
            for (int p = extensionsAt; p + 4 <= extensionsEnd; p += 4 + u16(p + 2)) {
                if (u16(p) == type) {
                    return HexFormat.of().formatHex(b, p + 4, p + 4 + u16(p + 2));
                }
            }
            return null;
        }

        private int u16(int p) {
            return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        }
    }
}
