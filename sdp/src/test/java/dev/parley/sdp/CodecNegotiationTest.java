package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which offered formats an answer keeps, and how RTX, feedback and extensions follow. */
class CodecNegotiationTest {

    private static final CodecNegotiator NEGOTIATOR = new CodecNegotiator(CodecPolicy.DEFAULT);
    private static final List<String> ALL_FB = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli",
            "goog-lntf");

    private static Codec h264(int pt, String profileLevelId, String mode) {
        String fmtp = "level-asymmetry-allowed=1;profile-level-id=" + profileLevelId
                + (mode == null ? "" : ";packetization-mode=" + mode);
        return Codec.of(pt, "H264", 90000, 0, fmtp, ALL_FB, pt + 1);
    }

    @Test
    void onlyVp8OfferedKeepsVp8WithItsRtx() {
        List<Codec> kept = NEGOTIATOR.answer("video", List.of(Codec.of(100, "VP8", 90000, 0, "", ALL_FB, 101)));
        assertThat(kept).singleElement().satisfies(c -> {
            assertThat(c.payloadType()).isEqualTo(100);
            assertThat(c.rtxPayloadType()).isEqualTo(101);
        });
    }

    @Test
    void unsupportedFeedbackKindsAreDropped() {
        List<Codec> kept = NEGOTIATOR.answer("video", List.of(Codec.of(96, "VP8", 90000, 0, "", ALL_FB, 97)));
        assertThat(kept.get(0).rtcpFeedback()).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack",
                "nack pli");
    }

    @Test
    void offerOrderAndPayloadTypesAreKept() {
        List<Codec> offered = List.of(h264(102, "42e01f", "1"), Codec.of(120, "vp8", 90000, 0, "", ALL_FB, 121),
                Codec.of(98, "VP9", 90000, 0, "profile-id=0", ALL_FB, 99));
        assertThat(NEGOTIATOR.answer("video", offered)).extracting(Codec::payloadType).containsExactly(102, 120, 98);
    }

    @ParameterizedTest(name = "offered {0} mode {1} -> kept {2}")
    @CsvSource({
        "42e01f, 1, true",   // Constrained Baseline 3.1: the policy's own
        "42e034, 1, true",   // Constrained Baseline at level 5.2: level does not matter
        "4de01f, 1, true",   // Main with constraint_set1 is Constrained Baseline (H.264 A.2.1.1)
        "42001f, 1, true",   // Baseline
        "4d001f, 1, false",  // Main: not in the policy
        "64001f, 1, false",  // High
        "640c1f, 1, false",  // Constrained High
        "42e01f, 0, false",  // packetization-mode 0 differs from the policy's 1
        "42e01f,  , false",  // absent packetization-mode means 0 (RFC 6184 §8.1)
        "zzzzzz, 1, false",  // not hex
        "42e0,   1, false",  // too short
    })
    void h264IsKeptWhenProfileAndPacketizationModeMatch(String profileLevelId, String mode, boolean kept) {
        List<Codec> result = NEGOTIATOR.answer("video", List.of(h264(102, profileLevelId.strip(), mode)));
        assertThat(result).hasSize(kept ? 1 : 0);
    }

    @Test
    void keptH264EchoesTheOfferedLevel() {
        List<Codec> kept = NEGOTIATOR.answer("video", List.of(h264(102, "42e034", "1")));
        assertThat(kept.get(0).parameter("profile-level-id")).hasValue("42e034");
    }

    @Test
    void vp9IsKeptOnlyForProfileZero() {
        List<Codec> offered = List.of(Codec.of(98, "VP9", 90000, 0, "profile-id=0", ALL_FB, 99),
                Codec.of(100, "VP9", 90000, 0, "profile-id=2", ALL_FB, 101),
                Codec.of(102, "VP9", 90000, 0, "", ALL_FB, 103));
        assertThat(NEGOTIATOR.answer("video", offered)).extracting(Codec::payloadType).containsExactly(98, 102);
    }

    @Test
    void vp9AndH264AreDroppedWhenThePolicyLacksThem() {
        CodecPolicy vp8Only = new CodecPolicy(CodecPolicy.DEFAULT.audio(),
                List.of(Codec.of(96, "VP8", 90000, 0, "", List.of("nack"), 97)), CodecPolicy.FEEDBACK,
                Set.of());
        List<Codec> offered = Codecs.of(Fixtures.parse(Fixtures.CHROME).media("1").orElseThrow());
        assertThat(new CodecNegotiator(vp8Only).answer("video", offered)).extracting(Codec::name)
                .containsExactly("VP8");
    }

    @Test
    void rtxIsDroppedWhenThePolicyCodecHasNone() {
        CodecPolicy noRtx = new CodecPolicy(CodecPolicy.DEFAULT.audio(),
                List.of(Codec.of(96, "VP8", 90000, 0, "", List.of("nack"), Codec.NO_RTX)), CodecPolicy.FEEDBACK,
                Set.of());
        assertThat(new CodecNegotiator(noRtx).answer("video", List.of(Codec.of(96, "VP8", 90000, 0, "", ALL_FB, 97))))
                .singleElement().satisfies(c -> assertThat(c.hasRtx()).isFalse());
    }

    @Test
    void chromeVideoOfferKeepsVp8Vp9ProfileZeroAndBaselineH264InPacketizationModeOne() {
        List<Codec> offered = Codecs.of(Fixtures.parse(Fixtures.CHROME).media("1").orElseThrow());
        List<Codec> kept = NEGOTIATOR.answer("video", offered);
        assertThat(kept).extracting(Codec::payloadType).containsExactly(96, 98, 102, 106);
        assertThat(kept).extracting(Codec::rtxPayloadType).containsExactly(97, 99, 103, 107);
    }

    @Test
    void audioWithoutOpusKeepsNothing() {
        List<Codec> offered = List.of(Codec.of(0, "PCMU", 8000, 0, "", List.of(), Codec.NO_RTX),
                Codec.of(8, "PCMA", 8000, 0, "", List.of(), Codec.NO_RTX));
        assertThat(NEGOTIATOR.answer("audio", offered)).isEmpty();
    }

    @Test
    void opusIsMatchedOnChannelsAndClockRate() {
        assertThat(NEGOTIATOR.answer("audio", List.of(Codec.of(111, "opus", 48000, 1, "", List.of(), -1)))).isEmpty();
        assertThat(NEGOTIATOR.answer("audio", List.of(Codec.of(111, "OPUS", 48000, 2, "", List.of(), -1))))
                .hasSize(1);
    }

    @Test
    void audioNeverKeepsRtx() {
        List<Codec> kept = NEGOTIATOR.answer("audio", List.of(Codec.of(111, "opus", 48000, 2, "", List.of(), 112)));
        assertThat(kept.get(0).hasRtx()).isFalse();
    }

    @Test
    void extensionsOutsideThePolicyAreDroppedAndDirectionsReversed() {
        List<Extmap> offered = List.of(Extmap.of(1, CodecPolicy.EXT_AUDIO_LEVEL),
                new Extmap(2, Direction.RECVONLY, "urn:ietf:params:rtp-hdrext:csrc-audio-level", null),
                new Extmap(3, Direction.SENDONLY, CodecPolicy.EXT_MID, null),
                Extmap.of(5, "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"));
        assertThat(NEGOTIATOR.answerExtensions(offered)).containsExactly(Extmap.of(1, CodecPolicy.EXT_AUDIO_LEVEL),
                new Extmap(3, Direction.RECVONLY, CodecPolicy.EXT_MID, null));
    }

    @Test
    void aPolicyWithoutTheMandatoryCodecsIsRefused() {
        assertThatThrownBy(() -> new CodecPolicy(List.of(), CodecPolicy.DEFAULT.video(), CodecPolicy.FEEDBACK,
                Set.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Opus");
        assertThatThrownBy(() -> new CodecPolicy(CodecPolicy.DEFAULT.audio(), List.of(), CodecPolicy.FEEDBACK,
                Set.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VP8");
    }

    @Test
    void rtxWhoseAptNamesNoCodecIsDropped() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97 98\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=50\r\na=rtpmap:98 rtx/90000\r\n";
        List<Codec> codecs = Codecs.of(SessionDescription.parse(text).media().get(0));
        assertThat(codecs).singleElement().satisfies(c -> assertThat(c.hasRtx()).isFalse());
    }

    @Test
    void staticPayloadTypesWithoutRtpmapAreKnown() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 8 96\r\n";
        assertThat(Codecs.of(SessionDescription.parse(text).media().get(0))).extracting(Codec::name)
                .containsExactly("PCMU", "PCMA");
    }

    @Test
    void codecsWrittenAndReadBackAreEqual() {
        List<Codec> codecs = CodecPolicy.DEFAULT.video();
        MediaDescription.Builder b = MediaDescription.builder("video", 9, "UDP/TLS/RTP/SAVPF");
        Codecs.write(b, codecs);
        MediaDescription m = b.build();
        assertThat(m.formats()).containsExactly("96", "97", "98", "99", "106", "107", "102", "103");
        assertThat(Codecs.of(m)).isEqualTo(codecs);
    }
}
