package dev.parley.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Browser offers kept as test resources, byte for byte as the browsers write them (CRLF). */
final class Fixtures {

    static final String CHROME = "chrome-130-offer.sdp";
    static final String CHROME_SIMULCAST = "chrome-130-simulcast-offer.sdp";
    static final String FIREFOX = "firefox-130-offer.sdp";

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SessionDescription.parse(text(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The SFU's side of a transport, as tests use it. */
    static LocalTransport sfuTransport() {
        return new LocalTransport("sfuU", "sfuPasswordOf22Chars!!", Fingerprint.of("sha-256", new byte[32]),
                List.of(Candidate.host("1", "udp", "198.51.100.4", 40000)));
    }
}
