package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.dtls.DtlsRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerTest {

    private static final List<String> MIDS = List.of("0", "1", "2");

    static String chromeAnswer() throws IOException {
        try (InputStream in = AnswerTest.class.getResourceAsStream("/chrome-answer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsChromesAnswerToAnSfuOffer() throws Exception {
        Answer a = Answer.read(chromeAnswer(), MIDS);
        assertThat(a.iceUfrag()).isEqualTo("xu0c");
        assertThat(a.role()).as("Chrome answers a=setup:active, so the SFU is the DTLS server").isEqualTo(DtlsRole.SERVER);
        assertThat(a.fingerprint().toSdp()).startsWith("sha-256 89:8C:FF:48");
        assertThat(a.slotSsrcs()).isEqualTo(Map.of(Source.AUDIO, 3092051665L, Source.CAMERA, 505863933L,
                Source.SCREEN, 4192141328L));
        assertThat(a.videoCodecs()).containsExactly("VP8");
    }

    @Test
    void refusesAnAnswerWithOtherSectionsThanTheOffer() throws Exception {
        assertThatThrownBy(() -> Answer.read(chromeAnswer(), List.of("0", "1", "2", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 sections");
        assertThatThrownBy(() -> Answer.read(chromeAnswer(), List.of("0", "2", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mid");
    }

    @Test
    void refusesAnAnswerWithoutFingerprintOrWithPassiveActpassSetup() throws Exception {
        String noFingerprint = chromeAnswer().replaceAll("a=fingerprint:[^\\r\\n]*\\r?\\n", "");
        assertThatThrownBy(() -> Answer.read(noFingerprint, MIDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fingerprint");
        String actpass = chromeAnswer().replace("a=setup:active", "a=setup:actpass");
        assertThatThrownBy(() -> Answer.read(actpass, MIDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DTLS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "v=0", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n",
            "v=0\r\nm=audio\r\n", "\u0000\u0001\u0002"})
    void refusesGarbageWithAMessageNotAnException(String sdp) {
        assertThatThrownBy(() -> Answer.read(sdp, MIDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedCopiesOfARealAnswerAreRefusedOrReadNeverThrowOtherwise() throws Exception {
        String full = chromeAnswer();
        for (int cut = 0; cut < full.length(); cut += 7) {
            String part = full.substring(0, cut);
            try {
                Answer.read(part, MIDS);
            } catch (IllegalArgumentException expected) {
                // refused with a message: fine
            }
        }
    }
}
