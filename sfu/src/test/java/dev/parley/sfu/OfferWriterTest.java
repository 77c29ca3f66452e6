package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ice.IceCredentials;
import dev.parley.ice.IceLiteAgent;
import dev.parley.ice.IceSettings;
import dev.parley.sdp.Candidate;
import dev.parley.sdp.Direction;
import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.LocalTransport;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferWriterTest {

    private final IceCredentials credentials = IceCredentials.generate();
    private final Peer peer = new Peer(new SfuRoom("r", "VP8"), "sub", credentials,
            new IceLiteAgent(credentials, null, IceSettings.DEFAULT, 0), 1, 99, 0);

    private LocalTransport transport() throws Exception {
        return new LocalTransport(credentials.ufrag(), credentials.password(),
                Fingerprint.parse("sha-256 " + "AB:".repeat(31) + "AB"),
                List.of(Candidate.host("1", "udp", "127.0.0.1", 40000)));
    }

    @Test
    void slotsComeFirstRecvonlyThenOneSendonlySectionPerTrackAndIdleMidsInactive() throws Exception {
        DownstreamSection audio = peer.sectionFor("audio");
        audio.publisherId = "pub";
        audio.source = Source.AUDIO;
        audio.outSsrc = 1111;
        audio.trackId = "pub-audio-1";
        DownstreamSection screen = peer.sectionFor("video");
        screen.publisherId = "pub";
        screen.source = Source.SCREEN;
        screen.outSsrc = 2222;
        screen.trackId = "pub-screen-2";
        DownstreamSection idle = peer.sectionFor("video");

        SfuOffer offer = OfferWriter.write(peer, transport(), 3);
        SessionDescription sdp = SessionDescription.parse(offer.sdp());

        assertThat(sdp.iceLite()).isTrue();
        assertThat(sdp.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(sdp.media()).extracting(MediaDescription::direction).containsExactly(Direction.RECVONLY,
                Direction.RECVONLY, Direction.RECVONLY, Direction.SENDONLY, Direction.SENDONLY, Direction.INACTIVE);
        assertThat(sdp.media().get(3).ssrcIds()).containsExactly(1111L);
        assertThat(sdp.media().get(3).msids().get(0).streamId()).isEqualTo("pub");
        assertThat(sdp.media().get(4).msids().get(0).streamId()).isEqualTo("pub-screen");
        assertThat(sdp.media().get(1).extmaps()).extracting(e -> e.uri()).containsExactly(
                "urn:ietf:params:rtp-hdrext:sdes:mid",
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        for (int slot = 0; slot < 3; slot++) {
            MediaDescription m = sdp.media().get(slot);
            for (String pt : m.formats()) {
                assertThat(m.rtcpFbs(Integer.parseInt(pt))).as("slot %d, payload %s", slot, pt)
                        .anySatisfy(fb -> assertThat(fb.type()).isEqualTo("transport-cc"));
            }
        }
        assertThat(sdp.media().get(3).extmaps()).isEmpty();
        assertThat(sdp.media().get(3).rtcpFbs(OfferWriter.OPUS_PT))
                .noneSatisfy(fb -> assertThat(fb.type()).isEqualTo("transport-cc"));
        assertThat(sdp.origin().sessionVersion()).isEqualTo("3");
        assertThat(offer.tracks()).containsExactly(new SfuOffer.OfferedTrack("3", "pub", Source.AUDIO),
                new SfuOffer.OfferedTrack("4", "pub", Source.SCREEN));
        assertThat(idle.mid).isEqualTo("5");
        assertThat(peer.sectionFor("video")).as("an idle video mid is reused").isSameAs(idle);
    }

    @Test
    void everyVideoSectionOffersVp8Vp9AndH264WithTheRoomsCodecFirstAndFixedPayloadTypes() throws Exception {
        DownstreamSection camera = peer.sectionFor("video");
        camera.publisherId = "pub";
        camera.source = Source.CAMERA;
        camera.outSsrc = 3333;
        camera.trackId = "pub-camera-1";

        SessionDescription vp9 = SessionDescription.parse(OfferWriter.write(peer, transport(), 1, "VP9").sdp());
        SessionDescription vp8 = SessionDescription.parse(OfferWriter.write(peer, transport(), 2, "VP8").sdp());

        assertThat(vp9.media().get(1).formats()).containsExactly("98", "96", "102");
        assertThat(vp9.media().get(3).formats()).containsExactly("98", "96", "102");
        assertThat(vp9.media().get(0).formats()).containsExactly("111");
        assertThat(vp8.media().get(1).formats()).containsExactly("96", "98", "102");
        assertThat(vp8.media().get(3).rtpMap(102).orElseThrow().encoding()).isEqualTo("H264");
    }
}
