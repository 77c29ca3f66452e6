package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdpDropsTest {

    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode ref pointer drops";

    @Test
    void dropsAreTheLastColumnSummedByLocalPort() {
        Map<Integer, Long> drops = new HashMap<>();
        UdpDrops.parse(List.of(HEADER,
                "  123: 0100007F:9C40 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 "
                        + "0000000000000000 17",
                "  124: 0100007F:C350 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 "
                        + "0000000000000000 0"), drops);
        UdpDrops.parse(List.of(HEADER,
                "  200: 0000000000000000FFFF00000100007F:9C40 00000000000000000000000000000000:0000 07 "
                        + "00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 3"), drops);

        assertThat(drops).containsExactlyInAnyOrderEntriesOf(Map.of(40000, 20L, 50000, 0L));
    }

    @Test
    void differencesSplitTheSfuPortFromTheRest() {
        Map<Integer, Long> before = Map.of(40000, 5L, 50000, 1L);
        Map<Integer, Long> after = Map.of(40000, 9L, 50000, 3L, 50001, 4L);

        assertThat(UdpDrops.at(before, after, 40000)).isEqualTo(4);
        assertThat(UdpDrops.elsewhere(before, after, 40000)).isEqualTo(6);
    }

    @Test
    void malformedLinesAreSkipped() {
        Map<Integer, Long> drops = new HashMap<>();
        UdpDrops.parse(List.of("", "garbage", HEADER), drops);

        assertThat(drops).isEmpty();
    }
}
