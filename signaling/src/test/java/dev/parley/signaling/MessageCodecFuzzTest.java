package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link MessageCodec#decode}: whatever a client sends, the codec answers with a message or a
 * {@link ProtocolException}, never another exception. A plain test run replays the seed corpus in
 * {@code src/test/resources/dev/parley/signaling/MessageCodecFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class MessageCodecFuzzTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @FuzzTest(maxDuration = "60s")
    void decodeReturnsAMessageOrThrowsProtocolException(byte[] input) {
        String frame = new String(input, StandardCharsets.UTF_8);
        try {
            ClientMessage message = CODEC.decode(frame);
            assertThat(message.type()).isIn("join", "resume", "leave", "signal", "state", "chat", "ping");
        } catch (ProtocolException e) {
            assertThat(e.code()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
