package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Payload types are renumbered per subscriber and packets rewritten through the resulting map. */
class PayloadTypesTest {

    private static final List<String> FB = List.of("nack", "nack pli");

    @Test
    void subscriberNumbersAreReusedForCompatibleCodecs() {
        List<Codec> publisher = Codecs.of(Fixtures.parse(Fixtures.CHROME).media("1").orElseThrow()).subList(0, 1);
        List<Codec> firefox = Codecs.of(Fixtures.parse(Fixtures.FIREFOX).media("1").orElseThrow());
        List<Codec> assigned = PayloadTypes.assign(publisher, firefox);
        assertThat(assigned).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("VP8");
            assertThat(c.payloadType()).isEqualTo(120);
            assertThat(c.rtxPayloadType()).isEqualTo(124);
        });
        PayloadTypeMap map = PayloadTypeMap.between(publisher, assigned);
        assertThat(map.map(96)).isEqualTo(120);
        assertThat(map.map(97)).isEqualTo(124);
        assertThat(map.map(98)).isEqualTo(-1);
        assertThat(map.isIdentity()).isFalse();
    }

    @Test
    void codecsTheSubscriberLacksGetFreeDynamicNumbers() {
        List<Codec> source = List.of(Codec.of(96, "VP8", 90000, 0, "", FB, 97),
                Codec.of(98, "VP9", 90000, 0, "profile-id=0", FB, 99));
        List<Codec> preferred = List.of(Codec.of(96, "VP8", 90000, 0, "", FB, 97));
        List<Codec> assigned = PayloadTypes.assign(source, preferred);
        assertThat(assigned).extracting(Codec::payloadType).containsExactly(96, 98);
        assertThat(assigned).extracting(Codec::rtxPayloadType).containsExactly(97, 99);
    }

    @Test
    void aFreeNumberNeverTakesOneALaterCodecPrefers() {
        // VP9 comes first but the subscriber has none; VP8 later wants 96, the first free dynamic number.
        List<Codec> source = List.of(Codec.of(100, "VP9", 90000, 0, "", FB, Codec.NO_RTX),
                Codec.of(101, "VP8", 90000, 0, "", FB, Codec.NO_RTX));
        List<Codec> assigned = PayloadTypes.assign(source, List.of(Codec.of(96, "VP8", 90000, 0, "", FB, -1)));
        assertThat(assigned).extracting(Codec::payloadType).containsExactly(97, 96);
    }

    @Test
    void noTwoFormatsShareANumber() {
        List<Codec> source = List.of(Codec.of(96, "VP8", 90000, 0, "", FB, 97),
                Codec.of(102, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42e01f", FB, 103));
        // The subscriber's VP8 RTX number collides with its H.264 number: the RTX must move.
        List<Codec> preferred = List.of(Codec.of(96, "VP8", 90000, 0, "", FB, 102),
                Codec.of(102, "H264", 90000, 0, "packetization-mode=1;profile-level-id=42e01f", FB, 103));
        List<Codec> assigned = PayloadTypes.assign(source, preferred);
        List<Integer> all = assigned.stream()
                .flatMap(c -> Stream.of(c.payloadType(), c.rtxPayloadType())).toList();
        assertThat(all).doesNotHaveDuplicates().contains(96, 102, 103);
    }

    @Test
    void sameNumberingMapsToItself() {
        List<Codec> codecs = CodecPolicy.DEFAULT.video();
        PayloadTypeMap map = PayloadTypeMap.between(codecs, PayloadTypes.assign(codecs, codecs));
        assertThat(map.isIdentity()).isTrue();
        assertThat(map.map(96)).isEqualTo(96);
        assertThat(map.map(200)).isEqualTo(-1);
        assertThat(map.map(-5)).isEqualTo(-1);
    }
}
