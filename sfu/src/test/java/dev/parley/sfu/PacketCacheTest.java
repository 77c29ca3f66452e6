package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketCacheTest {

    private final PacketCache cache = new PacketCache(8);
    private final byte[] out = new byte[PacketCache.MAX_PACKET];

    private static byte[] packet(int marker, int length) {
        byte[] p = new byte[length];
        p[0] = (byte) marker;
        p[length - 1] = (byte) (marker + 1);
        return p;
    }

    @Test
    void returnsWhatWasStoredUnderThatSequenceNumber() {
        cache.put(65535, packet(7, 100), 0, 100);
        cache.put(0, packet(9, 1200), 0, 1200);
        assertThat(cache.get(65535, out)).isEqualTo(100);
        assertThat(out[0]).isEqualTo((byte) 7);
        assertThat(out[99]).isEqualTo((byte) 8);
        assertThat(cache.get(0, out)).isEqualTo(1200);
        assertThat(out[1199]).isEqualTo((byte) 10);
    }

    @Test
    void missesWhatWasNeverStoredOrHasBeenOverwritten() {
        assertThat(cache.get(3, out)).isEqualTo(-1);
        cache.put(3, packet(1, 20), 0, 20);
        cache.put(11, packet(2, 20), 0, 20); // same slot, 8 later
        assertThat(cache.get(3, out)).isEqualTo(-1);
        assertThat(cache.get(11, out)).isEqualTo(20);
    }

    @Test
    void ignoresPacketsLargerThanAnMtu() {
        cache.put(1, new byte[PacketCache.MAX_PACKET + 1], 0, PacketCache.MAX_PACKET + 1);
        assertThat(cache.get(1, out)).isEqualTo(-1);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new PacketCache(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
