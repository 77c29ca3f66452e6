package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real browser offers parse into the model with every field the SFU relies on. */
class BrowserOfferParsingTest {

    @Test
    void chromeOfferHasSessionLevelBundleMsidSemanticAndAllowMixed() {
        SessionDescription d = Fixtures.parse(Fixtures.CHROME);
        assertThat(d.version()).isZero();
        assertThat(d.origin().sessionId()).isEqualTo("4611731400430051336");
        assertThat(d.origin().sessionVersion()).isEqualTo("2");
        assertThat(d.timing()).isEqualTo("0 0");
        assertThat(d.bundleGroup()).hasValue(new Group("BUNDLE", List.of("0", "1", "2")));
        assertThat(d.msidSemantic()).isEqualTo("WMS 3f2b6f0e-6a3c-4d47-9a57-5f1f3c7b9a10");
        assertThat(d.extmapAllowMixed()).isTrue();
        assertThat(d.iceLite()).isFalse();
        assertThat(d.media()).extracting(MediaDescription::kind).containsExactly("audio", "video", "application");
    }

    @Test
    void chromeAudioSectionCarriesTransportCandidatesAndOpus() {
        MediaDescription audio = Fixtures.parse(Fixtures.CHROME).media("0").orElseThrow();
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.connection()).isEqualTo(Connection.UNSPECIFIED);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.transport().iceUfrag()).isEqualTo("Vt1b");
        assertThat(audio.transport().icePwd()).isEqualTo("Lg3nGm8CAsZx0mNZ0kXCzqXq");
        assertThat(audio.transport().iceOptions()).containsExactly("trickle");
        assertThat(audio.transport().setup()).isEqualTo(Setup.ACTPASS);
        assertThat(audio.transport().fingerprints()).singleElement()
                .satisfies(f -> assertThat(f.digest()).hasSize(32).startsWith((byte) 0x7B, (byte) 0x8B));
        assertThat(audio.candidates()).hasSize(3);
        Candidate srflx = audio.candidates().get(1);
        assertThat(srflx.type()).isEqualTo("srflx");
        assertThat(srflx.relatedAddress()).isEqualTo("192.168.1.20");
        assertThat(srflx.relatedPort()).isEqualTo(46243);
        assertThat(srflx.extensions()).containsEntry("network-id", "1");
        assertThat(audio.candidates().get(2).extensions()).containsEntry("tcptype", "active");
        assertThat(audio.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3, 4);
        assertThat(audio.otherAttribute("rtcp")).hasValue(new Attribute("rtcp", "9 IN IP4 0.0.0.0"));
        Codec opus = Codecs.of(audio).get(0);
        assertThat(opus).isEqualTo(Codec.of(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
                List.of("transport-cc"), Codec.NO_RTX));
    }

    @Test
    void chromeAudioSsrcCarriesCnameAndMsid() {
        MediaDescription audio = Fixtures.parse(Fixtures.CHROME).media("0").orElseThrow();
        assertThat(audio.ssrcIds()).containsExactly(3735928559L);
        assertThat(audio.ssrcAttribute(3735928559L, "cname")).hasValue("q7Zb0gS2HkKcUSf4");
        assertThat(audio.ssrcAttribute(3735928559L, "msid")).hasValue(
                "3f2b6f0e-6a3c-4d47-9a57-5f1f3c7b9a10 9c8a1d3e-2b5f-4e61-8a7c-1d2e3f4a5b6c");
        assertThat(audio.msids()).containsExactly(new Msid("3f2b6f0e-6a3c-4d47-9a57-5f1f3c7b9a10",
                "9c8a1d3e-2b5f-4e61-8a7c-1d2e3f4a5b6c"));
    }

    @Test
    void chromeVideoFoldsEveryRtxIntoItsCodecAndPairsSsrcsWithFid() {
        MediaDescription video = Fixtures.parse(Fixtures.CHROME).media("1").orElseThrow();
        List<Codec> codecs = Codecs.of(video);
        assertThat(codecs).extracting(Codec::name)
                .containsExactly("VP8", "VP9", "VP9", "H264", "H264", "H264", "H264", "H264", "H264", "AV1", "red",
                        "ulpfec");
        assertThat(codecs).filteredOn(c -> c.payloadType() == 96).singleElement()
                .satisfies(c -> {
                    assertThat(c.rtxPayloadType()).isEqualTo(97);
                    assertThat(c.rtcpFeedback()).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack",
                            "nack pli");
                });
        assertThat(codecs).filteredOn(c -> c.payloadType() == 127).singleElement()
                .satisfies(c -> assertThat(c.rtxPayloadType()).isEqualTo(125));
        assertThat(codecs).filteredOn(c -> c.payloadType() == 116).singleElement()
                .satisfies(c -> assertThat(c.rtxPayloadType()).isEqualTo(117));
        assertThat(codecs.get(3).parameters()).containsEntry("profile-level-id", "42001f")
                .containsEntry("packetization-mode", "1");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(2882400001L, 2882400002L)));
        assertThat(video.extmaps()).contains(Extmap.of(10, CodecPolicy.EXT_RID), Extmap.of(13,
                CodecPolicy.EXT_VIDEO_ORIENTATION));
    }

    @Test
    void chromeDataChannelSectionHasSctpPortAndMessageSize() {
        MediaDescription data = Fixtures.parse(Fixtures.CHROME).media("2").orElseThrow();
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.sctpPort()).isEqualTo(5000);
        assertThat(data.maxMessageSize()).isEqualTo(262144L);
        assertThat(data.direction()).isNull();
        assertThat(data.effectiveDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(Codecs.of(data)).isEmpty();
    }

    @Test
    void chromeSimulcastOfferHasRidsAndSimulcastButNoSsrcs() {
        MediaDescription video = Fixtures.parse(Fixtures.CHROME_SIMULCAST).media("1").orElseThrow();
        assertThat(video.ssrcs()).isEmpty();
        assertThat(video.rids()).extracting(Rid::id).containsExactly("q", "h", "f");
        assertThat(video.rids()).allMatch(Rid::send);
        assertThat(video.rids().get(2).restrictions()).containsEntry("max-width", "1280")
                .containsEntry("max-height", "720");
        assertThat(video.simulcast().sendRids()).containsExactly("q", "h", "f");
        assertThat(video.simulcast().recv()).isEmpty();
        assertThat(Codecs.of(video)).extracting(Codec::payloadType).containsExactly(96, 98, 102, 106);
    }

    @Test
    void firefoxFingerprintAtSessionLevelAppliesToEverySection() {
        SessionDescription d = Fixtures.parse(Fixtures.FIREFOX);
        assertThat(d.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-130.0");
        assertThat(d.msidSemantic()).isEqualTo("WMS *");
        assertThat(d.transport().fingerprints()).hasSize(1);
        assertThat(d.transport().iceOptions()).containsExactly("trickle");
        for (MediaDescription m : d.media()) {
            assertThat(m.transport().fingerprints()).isEmpty();
            assertThat(d.transportOf(m).fingerprints()).isEqualTo(d.transport().fingerprints());
            assertThat(d.transportOf(m).iceUfrag()).isEqualTo("8e2a91c3");
            assertThat(d.transportOf(m).iceOptions()).containsExactly("trickle");
        }
    }

    @Test
    void firefoxExtmapDirectionAndGroupedFmtpLinesAreRead() {
        SessionDescription d = Fixtures.parse(Fixtures.FIREFOX);
        MediaDescription audio = d.media("0").orElseThrow();
        assertThat(audio.extmaps()).contains(new Extmap(2, Direction.RECVONLY,
                "urn:ietf:params:rtp-hdrext:csrc-audio-level", null));
        assertThat(Codecs.of(audio).get(0).parameters()).containsEntry("stereo", "1");
        assertThat(Codecs.of(audio)).extracting(Codec::name).contains("telephone-event");
        MediaDescription video = d.media("1").orElseThrow();
        List<Codec> codecs = Codecs.of(video);
        assertThat(codecs).extracting(Codec::payloadType).containsExactly(120, 121, 126, 97, 123, 122);
        assertThat(codecs).extracting(Codec::rtxPayloadType).containsExactly(124, 125, 127, 98, -1, 119);
        assertThat(codecs.get(3).parameters()).doesNotContainKey("packetization-mode");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3207443511L, 2040193734L)));
        assertThat(d.media("2").orElseThrow().maxMessageSize()).isEqualTo(1073741823L);
    }
}
