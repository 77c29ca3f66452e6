package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attribute values parse into their records and encode back to the same text. */
class AttributeParsingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "1467250027 1 udp 2122260223 192.168.1.20 46243 typ host generation 0 network-id 1",
        "842163049 1 udp 1686052607 203.0.113.7 46243 typ srflx raddr 192.168.1.20 rport 46243",
        "0 1 UDP 2122252543 3c1b3a8e-5f7d-4e2a-9b1c-0d2e3f4a5b6c.local 51000 typ host",
        "1 1 TCP 2105524479 10.0.0.1 9 typ host tcptype active",
        "3 1 udp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0 ufrag Vt1b",
    })
    void candidateRoundTrips(String value) throws SdpParseException {
        assertThat(Candidate.parse(value).encode()).isEqualTo(value);
        assertThat(Candidate.parse("candidate:" + value)).isEqualTo(Candidate.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 1 udp 1 10.0.0.1 5000 host", "1 1 udp 1 10.0.0.1 5000 typ", "1 1 udp 1 10.0.0.1 70000 typ host",
        "1 1 udp 4294967296 10.0.0.1 5000 typ host", "1 1 udp 1 10.0.0.1 5000 typ host generation",
        "1 0 udp 1 10.0.0.1 5000 typ host", "1 1 udp 1 10.0.0.1 5000 typ host rport x",
    })
    void malformedCandidateIsRefused(String value) {
        assertThatThrownBy(() -> Candidate.parse(value)).isInstanceOf(SdpParseException.class);
    }

    @Test
    void hostCandidatePriorityFollowsRfc8445Formula() {
        // (2^24)*126 + (2^8)*65535 + (256 - 1)
        assertThat(Candidate.host("1", "udp", "10.0.0.1", 1).priority()).isEqualTo(2130706431L);
    }

    @Test
    void extmapReadsIdDirectionUriAndAttributes() throws SdpParseException {
        Extmap e = Extmap.parse("6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay");
        assertThat(e).isEqualTo(new Extmap(6, Direction.RECVONLY,
                "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", null));
        Extmap withAttributes = Extmap.parse("2 urn:ietf:params:rtp-hdrext:encrypt urn:x vad=on");
        assertThat(withAttributes.attributes()).isEqualTo("urn:x vad=on");
        assertThat(withAttributes.encode()).isEqualTo("2 urn:ietf:params:rtp-hdrext:encrypt urn:x vad=on");
        assertThat(e.encode()).isEqualTo("6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 urn:x", "256 urn:x", "1/sideways urn:x", "1", "x urn:x"})
    void malformedExtmapIsRefused(String value) {
        assertThatThrownBy(() -> Extmap.parse(value)).isInstanceOf(SdpParseException.class);
    }

    @Test
    void ridReadsPayloadTypesAndRestrictions() throws SdpParseException {
        Rid r = Rid.parse("f send pt=96,98;max-width=1280;max-fps=30");
        assertThat(r.send()).isTrue();
        assertThat(r.payloadTypes()).containsExactly(96, 98);
        assertThat(r.restrictions()).isEqualTo(Map.of("max-width", "1280", "max-fps", "30"));
        assertThat(r.encode()).isEqualTo("f send pt=96,98;max-width=1280;max-fps=30");
        assertThat(Rid.parse("q recv").send()).isFalse();
        assertThatThrownBy(() -> Rid.parse("q both")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> Rid.parse("q send pt=300")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void simulcastReadsStreamsAlternativesAndPausedRids() throws SdpParseException {
        Simulcast s = Simulcast.parse("send 1,~4;2;3 recv c");
        assertThat(s.send()).hasSize(3);
        assertThat(s.send().get(0)).containsExactly(new Simulcast.Alternative("1", false),
                new Simulcast.Alternative("4", true));
        assertThat(s.recv()).containsExactly(List.of(new Simulcast.Alternative("c", false)));
        assertThat(s.sendRids()).containsExactly("1", "4", "2", "3");
        assertThat(s.encode()).isEqualTo("send 1,~4;2;3 recv c");
        assertThatThrownBy(() -> Simulcast.parse("send a send b")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> Simulcast.parse("send")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> Simulcast.parse("send a;;b")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void fingerprintIsNormalisedAndDecoded() throws SdpParseException {
        Fingerprint f = Fingerprint.parse("SHA-256 ab:cd:0f");
        assertThat(f).isEqualTo(new Fingerprint("sha-256", "AB:CD:0F"));
        assertThat(f.digest()).containsExactly(0xAB, 0xCD, 0x0F);
        assertThat(Fingerprint.of("sha-256", new byte[] {1, (byte) 0xFE}).encode()).isEqualTo("sha-256 01:FE");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 AB:C")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 ABCD")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 AB:٣٣")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void ssrcAttributeValueKeepsItsSpaces() throws SdpParseException {
        SsrcAttribute s = SsrcAttribute.parse("4294967295 msid:stream track");
        assertThat(s).isEqualTo(new SsrcAttribute(4294967295L, "msid", "stream track"));
        assertThat(SsrcAttribute.parse("1 x-flag").value()).isNull();
        assertThatThrownBy(() -> SsrcAttribute.parse("4294967296 cname:x")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SsrcAttribute.parse("1 :x")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void rtcpFbWildcardAndParameterAreRead() throws SdpParseException {
        assertThat(RtcpFb.parse("* nack pli")).isEqualTo(new RtcpFb(RtcpFb.ANY, "nack", "pli"));
        assertThat(RtcpFb.parse("96 transport-cc").kind()).isEqualTo("transport-cc");
        assertThat(RtcpFb.parse("* ccm fir").encode()).isEqualTo("* ccm fir");
    }

    @Test
    void wildcardFeedbackAppliesToEveryCodec() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 98\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:98 VP9/90000\r\na=rtcp-fb:* nack\r\na=rtcp-fb:98 nack pli\r\n";
        SessionDescription d = SessionDescription.parse(text);
        assertThat(Codecs.of(d.media().get(0))).extracting(Codec::rtcpFeedback)
                .containsExactly(List.of("nack"), List.of("nack", "nack pli"));
        assertThat(SessionDescription.parse(d.encode())).isEqualTo(d);
    }

    @Test
    void rtpmapReadsChannelsAndRefusesBadRates() throws SdpParseException {
        assertThat(RtpMap.parse("111 opus/48000/2")).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(RtpMap.parse("0 PCMU/8000").channels()).isZero();
        assertThatThrownBy(() -> RtpMap.parse("128 VP8/90000")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> RtpMap.parse("96 VP8")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> RtpMap.parse("96 VP8/0")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> RtpMap.parse("96 VP8/90000/2/1")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void fmtpParametersAreCaseBlindKeysWithBareItems() {
        assertThat(Fmtp.parseParameters("Profile-Level-Id=42e01f; packetization-mode=1;;0-15"))
                .containsExactly(Map.entry("profile-level-id", "42e01f"), Map.entry("packetization-mode", "1"),
                        Map.entry("0-15", ""));
    }

    @Test
    void directionAnswerFollowsRfc3264() {
        assertThat(Direction.answerTo(Direction.SENDRECV, Direction.RECVONLY)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.answerTo(Direction.SENDONLY, Direction.SENDRECV)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.answerTo(Direction.RECVONLY, Direction.SENDRECV)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.answerTo(Direction.RECVONLY, Direction.RECVONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.answerTo(Direction.INACTIVE, Direction.SENDRECV)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void setupAnswerIsPassiveUnlessTheOfferInsistsOnPassive() {
        assertThat(Setup.answerTo(Setup.ACTPASS)).isEqualTo(Setup.PASSIVE);
        assertThat(Setup.answerTo(Setup.ACTIVE)).isEqualTo(Setup.PASSIVE);
        assertThat(Setup.answerTo(null)).isEqualTo(Setup.PASSIVE);
        assertThat(Setup.answerTo(Setup.PASSIVE)).isEqualTo(Setup.ACTIVE);
        assertThat(Setup.answerTo(Setup.HOLDCONN)).isEqualTo(Setup.HOLDCONN);
    }
}
