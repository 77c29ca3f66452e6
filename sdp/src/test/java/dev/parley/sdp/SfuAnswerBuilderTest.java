package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SFU's answer to browser offers: what Chrome needs, what is rejected and why. */
class SfuAnswerBuilderTest {

    private static SfuAnswer answer(String fixture) throws SdpNegotiationException {
        return answer(Fixtures.parse(fixture));
    }

    private static SfuAnswer answer(SessionDescription offer) throws SdpNegotiationException {
        return SfuAnswerBuilder.answering(offer).origin(Origin.of(42, 1)).transport(Fixtures.sfuTransport()).build();
    }

    private static SessionDescription offer(String text) {
        try {
            return SessionDescription.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answerToChromeHasEverythingChromeRequires() throws Exception {
        String text = answer(Fixtures.CHROME).description().encode();
        SessionDescription a = SessionDescription.parse(text);
        // READING.md: without rtcp-mux, fingerprint or BUNDLE Chrome rejects the answer; without setup:passive it
        // hangs in connecting; without a host candidate no checks arrive.
        assertThat(a.iceLite()).isTrue();
        assertThat(a.bundleGroup()).hasValue(new Group("BUNDLE", List.of("0", "1")));
        for (MediaDescription m : a.media().subList(0, 2)) {
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.transport().fingerprints()).containsExactly(Fixtures.sfuTransport().fingerprint());
            assertThat(m.transport().setup()).isEqualTo(Setup.PASSIVE);
            assertThat(m.transport().iceUfrag()).isEqualTo("sfuU");
            assertThat(m.transport().icePwd()).isEqualTo("sfuPasswordOf22Chars!!");
            assertThat(m.candidates()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("host");
                assertThat(c.address()).isEqualTo("198.51.100.4");
                assertThat(c.port()).isEqualTo(40000);
            });
            assertThat(m.endOfCandidates()).isTrue();
            assertThat(m.port()).isEqualTo(40000);
            assertThat(m.connection()).isEqualTo(Connection.of("198.51.100.4"));
        }
        assertThat(text).contains("a=rtcp-mux\r\n", "a=setup:passive\r\n", "a=ice-lite\r\n",
                "a=group:BUNDLE 0 1\r\n", "a=fingerprint:sha-256 00:00:", "a=candidate:1 1 udp 2130706431 "
                + "198.51.100.4 40000 typ host\r\n");
    }

    @Test
    void midsAreEchoedInOfferOrder() throws Exception {
        SessionDescription a = answer(Fixtures.CHROME).description();
        assertThat(a.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
        assertThat(a.media()).extracting(MediaDescription::kind).containsExactly("audio", "video", "application");
    }

    @Test
    void publishAnswerReceivesOnly() throws Exception {
        SfuAnswer answer = answer(Fixtures.CHROME);
        assertThat(answer.section("0").orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(answer.description().media("1").orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void dataChannelIsRejectedWithPortZeroByDefaultAndLeftOutOfBundle() throws Exception {
        SfuAnswer answer = answer(Fixtures.CHROME);
        MediaDescription data = answer.description().media("2").orElseThrow();
        assertThat(data.port()).isZero();
        assertThat(data.isRejected()).isTrue();
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.candidates()).isEmpty();
        assertThat(answer.section("2").orElseThrow().rejection()).contains("data channel");
        assertThat(answer.description().bundleGroup().orElseThrow().mids()).doesNotContain("2");
    }

    @Test
    void dataChannelIsAcceptedWhenAsked() throws Exception {
        SfuAnswer answer = SfuAnswerBuilder.answering(Fixtures.parse(Fixtures.CHROME)).origin(Origin.of(42, 1))
                .transport(Fixtures.sfuTransport()).acceptDataChannels(true).build();
        MediaDescription data = answer.description().media("2").orElseThrow();
        assertThat(data.port()).isEqualTo(40000);
        assertThat(data.sctpPort()).isEqualTo(5000);
        assertThat(data.maxMessageSize()).isEqualTo(262144L);
        assertThat(data.transport().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(answer.description().bundleGroup().orElseThrow().mids()).containsExactly("0", "1", "2");
    }

    @Test
    void answerCodecsAreTheNegotiatedOnesInOfferPayloadTypes() throws Exception {
        SfuAnswer answer = answer(Fixtures.CHROME);
        MediaDescription video = answer.description().media("1").orElseThrow();
        assertThat(video.formats()).containsExactly("96", "97", "98", "99", "102", "103", "106", "107");
        assertThat(Codecs.of(video)).isEqualTo(answer.section("1").orElseThrow().codecs());
        MediaDescription audio = answer.description().media("0").orElseThrow();
        assertThat(audio.formats()).containsExactly("111");
        assertThat(audio.rtcpFbs()).containsExactly(new RtcpFb(111, "transport-cc", null));
        assertThat(audio.fmtp(111)).hasValue(new Fmtp(111, "minptime=10;useinbandfec=1"));
    }

    @Test
    void answerExtensionsAreThePolicyOnesWithOfferedIds() throws Exception {
        MediaDescription video = answer(Fixtures.CHROME).description().media("1").orElseThrow();
        assertThat(video.extmaps()).extracting(Extmap::uri).containsExactly(CodecPolicy.EXT_TOFFSET,
                CodecPolicy.EXT_ABS_SEND_TIME, CodecPolicy.EXT_VIDEO_ORIENTATION, CodecPolicy.EXT_TRANSPORT_CC,
                CodecPolicy.EXT_MID, CodecPolicy.EXT_RID, CodecPolicy.EXT_REPAIRED_RID);
        assertThat(video.extmaps()).extracting(Extmap::id).containsExactly(14, 2, 13, 3, 4, 10, 11);
    }

    @Test
    void firefoxOfferWithSessionLevelFingerprintIsAnswered() throws Exception {
        SfuAnswer answer = answer(Fixtures.FIREFOX);
        assertThat(answer.sections()).extracting(NegotiatedSection::accepted).containsExactly(true, true, false);
        MediaDescription video = answer.description().media("1").orElseThrow();
        assertThat(Codecs.of(video)).extracting(Codec::name).containsExactly("VP8", "VP9", "H264");
        assertThat(Codecs.of(video)).extracting(Codec::payloadType).containsExactly(120, 121, 126);
    }

    @Test
    void simulcastOfferIsAnsweredWithItsRidExtensions() throws Exception {
        SfuAnswer answer = answer(Fixtures.CHROME_SIMULCAST);
        assertThat(answer.section("1").orElseThrow().extensions()).extracting(Extmap::uri)
                .contains(CodecPolicy.EXT_RID, CodecPolicy.EXT_REPAIRED_RID);
    }

    @Test
    void answerAlwaysParsesBackToItself() throws Exception {
        for (String f : List.of(Fixtures.CHROME, Fixtures.CHROME_SIMULCAST, Fixtures.FIREFOX)) {
            SessionDescription a = answer(f).description();
            assertThat(SessionDescription.parse(a.encode())).isEqualTo(a);
        }
    }

    @Test
    void setupRoleFollowsTheOffer() throws Exception {
        String base = Fixtures.text(Fixtures.CHROME);
        assertThat(answer(offer(base.replace("a=setup:actpass", "a=setup:active"))).description().media().get(0)
                .transport().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(answer(offer(base.replace("a=setup:actpass", "a=setup:passive"))).description().media().get(0)
                .transport().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(answer(offer(base.replace("a=setup:actpass\r\n", ""))).description().media().get(0)
                .transport().setup()).isEqualTo(Setup.PASSIVE);
    }

    @Test
    void directionIsInvertedAgainstWhatTheSfuWants() throws Exception {
        String base = Fixtures.text(Fixtures.CHROME);
        SessionDescription offer = offer(base.replaceFirst("a=sendrecv", "a=sendonly")
                .replaceFirst("a=sendrecv", "a=recvonly"));
        SfuAnswer a = SfuAnswerBuilder.answering(offer).origin(Origin.of(1, 1)).transport(Fixtures.sfuTransport())
                .localDirection(Direction.SENDRECV).build();
        assertThat(a.section("0").orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(a.section("1").orElseThrow().direction()).isEqualTo(Direction.SENDONLY);
        SfuAnswer receiveOnly = answer(offer);
        assertThat(receiveOnly.section("1").orElseThrow().direction()).isEqualTo(Direction.INACTIVE);
    }

    @Test
    void sendingSectionAnnouncesItsTrack() throws Exception {
        ForwardedTrack track = new ForwardedTrack("ada", "ada-camera", 1111, 2222, "sfu");
        SfuAnswer a = SfuAnswerBuilder.answering(Fixtures.parse(Fixtures.CHROME)).origin(Origin.of(1, 1))
                .transport(Fixtures.sfuTransport()).localDirection("1", Direction.SENDRECV).sendTrack("1", track)
                .sendTrack("0", track).build();
        MediaDescription video = a.description().media("1").orElseThrow();
        assertThat(video.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(video.msids()).containsExactly(new Msid("ada", "ada-camera"));
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1111L, 2222L)));
        assertThat(a.description().media("0").orElseThrow().ssrcs()).as("recvonly sections announce nothing")
                .isEmpty();
    }

    @Test
    void sectionWithoutRtcpMuxIsRejected() throws Exception {
        SfuAnswer a = answer(offer(Fixtures.text(Fixtures.CHROME).replaceFirst("a=rtcp-mux\r\n", "")));
        assertThat(a.section("0").orElseThrow().rejection()).isEqualTo("no a=rtcp-mux");
        assertThat(a.description().bundleGroup().orElseThrow().mids()).containsExactly("1");
    }

    @Test
    void audioWithoutOpusIsRejected() throws Exception {
        String text = Fixtures.text(Fixtures.CHROME).replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "m=audio 9 UDP/TLS/RTP/SAVPF 0 8");
        SfuAnswer a = answer(offer(text));
        assertThat(a.section("0").orElseThrow().rejection()).isEqualTo("no codec in common");
        MediaDescription audio = a.description().media("0").orElseThrow();
        assertThat(audio.port()).isZero();
        assertThat(audio.formats()).containsExactly("0", "8");
    }

    @Test
    void sectionRejectedInTheOfferStaysRejected() throws Exception {
        String text = Fixtures.text(Fixtures.CHROME).replace("m=video 9 ", "m=video 0 ")
                .replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 2");
        SfuAnswer a = answer(offer(text));
        assertThat(a.section("1").orElseThrow().accepted()).isFalse();
        assertThat(a.description().media("1").orElseThrow().port()).isZero();
    }

    @Test
    void sectionOutsideTheBundleGroupIsRejected() throws Exception {
        SfuAnswer a = answer(offer(Fixtures.text(Fixtures.CHROME).replace("a=group:BUNDLE 0 1 2",
                "a=group:BUNDLE 0 2")));
        assertThat(a.section("1").orElseThrow().rejection()).isEqualTo("outside the BUNDLE group");
    }

    @Test
    void offerWithoutBundleIsAnsweredWithoutAGroup() throws Exception {
        SfuAnswer a = answer(offer(Fixtures.text(Fixtures.CHROME).replace("a=group:BUNDLE 0 1 2\r\n", "")));
        assertThat(a.description().groups()).isEmpty();
        assertThat(a.sections()).extracting(NegotiatedSection::accepted).containsExactly(true, true, false);
    }

    @Test
    void offerWithoutFingerprintCannotBeAnswered() {
        SessionDescription offer = offer(Fixtures.text(Fixtures.CHROME).replaceAll("a=fingerprint:[^\r]*\r\n", ""));
        assertThatThrownBy(() -> answer(offer)).isInstanceOf(SdpNegotiationException.class)
                .satisfies(e -> assertThat(((SdpNegotiationException) e).reason())
                        .isEqualTo(SdpNegotiationException.Reason.NO_FINGERPRINT));
    }

    @Test
    void offerWithoutIceCredentialsCannotBeAnswered() {
        SessionDescription offer = offer(Fixtures.text(Fixtures.CHROME).replaceAll("a=ice-pwd:[^\r]*\r\n", ""));
        assertThatThrownBy(() -> answer(offer)).isInstanceOf(SdpNegotiationException.class)
                .satisfies(e -> assertThat(((SdpNegotiationException) e).reason())
                        .isEqualTo(SdpNegotiationException.Reason.NO_ICE_CREDENTIALS));
    }

    @Test
    void localTransportRefusesShortCredentialsAndNoCandidates() {
        Fingerprint fp = Fingerprint.of("sha-256", new byte[32]);
        Candidate c = Candidate.host("1", "udp", "10.0.0.1", 40000);
        assertThatThrownBy(() -> new LocalTransport("abc", "sfuPasswordOf22Chars!!", fp, List.of(c)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalTransport("abcd", "short", fp, List.of(c)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalTransport("abcd", "sfuPasswordOf22Chars!!", fp, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void udpCandidateIsTheDefaultEvenWhenTcpComesFirst() {
        Fingerprint fp = Fingerprint.of("sha-256", new byte[32]);
        LocalTransport t = new LocalTransport("abcd", "sfuPasswordOf22Chars!!", fp,
                List.of(Candidate.host("2", "tcp", "10.0.0.1", 443), Candidate.host("1", "udp", "10.0.0.1", 40000)));
        assertThat(t.defaultCandidate().port()).isEqualTo(40000);
        assertThat(t.candidates().get(0).extensions()).containsEntry("tcptype", "passive");
    }
}
