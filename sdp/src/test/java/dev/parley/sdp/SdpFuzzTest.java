package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link SessionDescription#parse}: any text parses or raises {@link SdpParseException}, never another
 * exception, and what parses writes out to text that parses back to an equal description. A plain test run replays
 * the seed corpus in {@code src/test/resources/dev/parley/sdp/SdpFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class SdpFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseRoundTripsOrThrowsParseException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            SessionDescription d = SessionDescription.parse(text);
            assertThat(SessionDescription.parse(d.encode())).isEqualTo(d);
            for (MediaDescription m : d.media()) {
                assertThat(Codecs.of(m)).hasSizeLessThanOrEqualTo(m.formats().size());
            }
        } catch (SdpParseException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
