package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.dtls.DtlsCertificate;
import dev.parley.sdp.SessionDescription;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A room sends its video as the preferred codec while every connection accepts it, and falls back to VP8. */
class SfuVideoCodecTest {

    private record Sent(String participant, SfuOffer offer) {
    }

    private final LinkedBlockingQueue<Sent> offers = new LinkedBlockingQueue<>();

    private Sent next() throws InterruptedException {
        Sent s = offers.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("an offer").isNotNull();
        return s;
    }

    private static String firstVideoFormat(SfuOffer offer) throws Exception {
        return SessionDescription.parse(offer.sdp()).media().get(1).formats().get(0);
    }

    /** An answer accepting {@code videoCodecs} in every video section of an offer with {@code sections} sections. */
    private static String answer(int sections, List<String> videoCodecs) {
        String fingerprint = DtlsCertificate.generate().fingerprint().toSdp();
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        for (int mid = 0; mid < sections; mid++) {
            boolean audio = mid == 0;
            s.append("m=").append(audio ? "audio" : "video").append(" 9 UDP/TLS/RTP/SAVPF ");
            s.append(audio ? "111" : String.join(" ", videoCodecs.stream()
                    .map(c -> switch (c) { case "VP9" -> "98"; case "H264" -> "102"; default -> "96"; }).toList()));
            s.append("\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:cli1\r\na=ice-pwd:clientpasswordclientpassword\r\n")
                    .append("a=fingerprint:").append(fingerprint).append("\r\na=setup:active\r\na=mid:").append(mid)
                    .append("\r\na=sendonly\r\na=rtcp-mux\r\n");
            if (audio) {
                s.append("a=rtpmap:111 opus/48000/2\r\n");
            } else {
                for (String c : videoCodecs) {
                    s.append(switch (c) {
                        case "VP9" -> "a=rtpmap:98 VP9/90000\r\n";
                        case "H264" -> "a=rtpmap:102 H264/90000\r\n";
                        default -> "a=rtpmap:96 VP8/90000\r\n";
                    });
                }
            }
        }
        return s.toString();
    }

    @Test
    void vp9WhileEveryoneTakesItThenVp8WhenSomeoneCannot() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (Sfu sfu = Sfu.start(new SfuSettings(lo, 0, List.of(lo), 50, 30_000, "VP9"),
                (room, id, offer) -> offers.add(new Sent(id, offer)))) {
            sfu.connect("r", "a", Set.of(), m -> { });
            Sent toA = next();
            assertThat(firstVideoFormat(toA.offer())).as("VP9 first").isEqualTo("98");
            assertThat(sfu.answer("r", "a", 1, answer(3, List.of("VP9", "VP8", "H264"))).get(10, TimeUnit.SECONDS))
                    .isEqualTo(AnswerOutcome.ACCEPTED);

            sfu.connect("r", "b", Set.of(), m -> { });
            Sent first = next();
            Sent second = next();
            Sent toB = first.participant().equals("b") ? first : second;
            Sent againToA = first.participant().equals("a") ? first : second;
            assertThat(firstVideoFormat(toB.offer())).isEqualTo("98");
            assertThat(againToA.offer().version()).isEqualTo(2);
            assertThat(firstVideoFormat(againToA.offer())).as("still VP9: b has not answered yet").isEqualTo("98");

            // b can take VP8 only: the room falls back, and both are offered VP8 first.
            int sections = SessionDescription.parse(toB.offer().sdp()).media().size();
            assertThat(sfu.answer("r", "b", toB.offer().version(), answer(sections, List.of("VP8")))
                    .get(10, TimeUnit.SECONDS)).isEqualTo(AnswerOutcome.ACCEPTED);
            Sent toBAgain = next();
            assertThat(toBAgain.participant()).isEqualTo("b");
            assertThat(firstVideoFormat(toBAgain.offer())).isEqualTo("96");
            int aSections = SessionDescription.parse(againToA.offer().sdp()).media().size();
            assertThat(sfu.answer("r", "a", 2, answer(aSections, List.of("VP9", "VP8"))).get(10, TimeUnit.SECONDS))
                    .isEqualTo(AnswerOutcome.ACCEPTED);
            Sent toAThird = next();
            assertThat(toAThird.participant()).isEqualTo("a");
            assertThat(firstVideoFormat(toAThird.offer())).as("a is moved to VP8 too").isEqualTo("96");
        }
    }
}
