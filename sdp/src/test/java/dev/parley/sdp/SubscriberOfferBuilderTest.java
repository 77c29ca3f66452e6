package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SFU's offer to a subscriber: a sendonly section per forwarded track, in the subscriber's payload types. */
class SubscriberOfferBuilderTest {

    private static final List<Extmap> AUDIO_EXT = List.of(Extmap.of(1, CodecPolicy.EXT_AUDIO_LEVEL),
            Extmap.of(4, CodecPolicy.EXT_MID));
    private static final List<Extmap> VIDEO_EXT = List.of(Extmap.of(3, CodecPolicy.EXT_TRANSPORT_CC),
            Extmap.of(4, CodecPolicy.EXT_MID));

    static SessionDescription twoTrackOffer() {
        return SubscriberOfferBuilder.offer(Origin.of(7, 3)).transport(Fixtures.sfuTransport())
                .section(SubscriberSection.sending("a0", "audio",
                        new ForwardedTrack("ada", "ada-mic", 5001, ForwardedTrack.NO_RTX, "sfu-ada"),
                        CodecPolicy.DEFAULT.audio(), AUDIO_EXT))
                .section(SubscriberSection.sending("v0", "video",
                        new ForwardedTrack("ada", "ada-camera", 5002, 5003, "sfu-ada"),
                        CodecPolicy.DEFAULT.video().subList(0, 1), VIDEO_EXT))
                .build();
    }

    @Test
    void everyTrackGetsASendonlySectionWithMsidAndSsrcs() {
        SessionDescription offer = twoTrackOffer();
        assertThat(offer.iceLite()).isTrue();
        assertThat(offer.msidSemantic()).isEqualTo("WMS *");
        assertThat(offer.bundleGroup()).hasValue(new Group("BUNDLE", List.of("a0", "v0")));
        MediaDescription video = offer.media("v0").orElseThrow();
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.msids()).containsExactly(new Msid("ada", "ada-camera"));
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(5002L, 5003L)));
        assertThat(video.ssrcAttribute(5002, "cname")).hasValue("sfu-ada");
        assertThat(video.ssrcAttribute(5003, "msid")).hasValue("ada ada-camera");
        assertThat(video.rtcpMux()).isTrue();
        assertThat(video.rtcpRsize()).isTrue();
        assertThat(video.transport().setup()).isEqualTo(Setup.ACTPASS);
        assertThat(video.candidates()).hasSize(1);
        assertThat(Codecs.of(video)).isEqualTo(CodecPolicy.DEFAULT.video().subList(0, 1));
        MediaDescription audio = offer.media("a0").orElseThrow();
        assertThat(audio.ssrcGroups()).isEmpty();
        assertThat(audio.ssrcIds()).containsExactly(5001L);
        assertThat(audio.extmaps()).isEqualTo(AUDIO_EXT);
    }

    @Test
    void idleSectionIsInactiveWithoutSsrcs() {
        SessionDescription offer = SubscriberOfferBuilder.offer(Origin.of(7, 4)).transport(Fixtures.sfuTransport())
                .section(SubscriberSection.idle("v0", "video", CodecPolicy.DEFAULT.video(), VIDEO_EXT)).build();
        MediaDescription video = offer.media("v0").orElseThrow();
        assertThat(video.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(video.ssrcs()).isEmpty();
        assertThat(video.msids()).isEmpty();
        assertThat(offer.bundleGroup().orElseThrow().mids()).containsExactly("v0");
    }

    @Test
    void stoppedSectionHasPortZeroAndLeavesTheBundle() {
        SessionDescription offer = SubscriberOfferBuilder.offer(Origin.of(7, 5)).transport(Fixtures.sfuTransport())
                .section(SubscriberSection.stopped("a0", "audio"))
                .section(SubscriberSection.idle("v0", "video", CodecPolicy.DEFAULT.video(), VIDEO_EXT)).build();
        MediaDescription stopped = offer.media("a0").orElseThrow();
        assertThat(stopped.isRejected()).isTrue();
        assertThat(stopped.candidates()).isEmpty();
        assertThat(offer.bundleGroup().orElseThrow().mids()).containsExactly("v0");
        assertThat(offer.media()).extracting(MediaDescription::mid).containsExactly("a0", "v0");
    }

    @Test
    void subscriberPayloadTypesAreUsedAndMapFromThePublisher() throws Exception {
        // Ada publishes from Chrome (VP8 = 96/97); Bob subscribes from Firefox, whose own VP8 is 120/124.
        SfuAnswer publish = SfuAnswerBuilder.answering(Fixtures.parse(Fixtures.CHROME)).origin(Origin.of(1, 1))
                .transport(Fixtures.sfuTransport()).build();
        List<Codec> published = publish.section("1").orElseThrow().codecs().subList(0, 1);
        List<Codec> bobPrefers = Codecs.of(Fixtures.parse(Fixtures.FIREFOX).media("1").orElseThrow());
        List<Codec> forBob = PayloadTypes.assign(published, bobPrefers);
        SessionDescription offer = SubscriberOfferBuilder.offer(Origin.of(9, 1)).transport(Fixtures.sfuTransport())
                .section(SubscriberSection.sending("0", "video",
                        new ForwardedTrack("ada", "cam", 77, 78, "c"), forBob, VIDEO_EXT))
                .build();
        assertThat(offer.media("0").orElseThrow().formats()).containsExactly("120", "124");
        PayloadTypeMap map = PayloadTypeMap.between(published, forBob);
        assertThat(map.map(96)).isEqualTo(120);
        assertThat(map.map(97)).isEqualTo(124);
    }

    @Test
    void offerParsesBackToItself() throws SdpParseException {
        SessionDescription offer = twoTrackOffer();
        assertThat(SessionDescription.parse(offer.encode())).isEqualTo(offer);
    }

    @Test
    void repeatedMidIsRefused() {
        SubscriberOfferBuilder b = SubscriberOfferBuilder.offer(Origin.of(1, 1)).transport(Fixtures.sfuTransport())
                .section(SubscriberSection.stopped("x", "audio")).section(SubscriberSection.stopped("x", "video"));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mid x");
    }

    @Test
    void liveSectionWithoutCodecsIsRefused() {
        assertThatThrownBy(() -> SubscriberSection.idle("v", "video", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
