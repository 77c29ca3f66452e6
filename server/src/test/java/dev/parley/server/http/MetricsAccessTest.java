package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    @Test
    void openAccessAcceptsAnyScrape() {
        assertThat(MetricsAccess.OPEN.accepts(null)).isTrue();
        assertThat(new MetricsAccess("", false)).isEqualTo(MetricsAccess.OPEN);
    }

    @Test
    void aTokenIsMatchedExactlyAfterTheBearerScheme() {
        MetricsAccess access = new MetricsAccess("abcdefghijklmnop", false);
        assertThat(access.accepts("Bearer abcdefghijklmnop")).isTrue();
        assertThat(access.accepts("bearer abcdefghijklmnop")).as("the scheme is case-insensitive").isTrue();
        assertThat(access.accepts("Bearer abcdefghijklmno")).isFalse();
        assertThat(access.accepts("Bearer abcdefghijklmnopq")).isFalse();
        assertThat(access.accepts("abcdefghijklmnop")).isFalse();
        assertThat(access.accepts("Bearer")).isFalse();
        assertThat(access.accepts(null)).isFalse();
    }

    @Test
    void aShortTokenIsRefused() {
        assertThatThrownBy(() -> new MetricsAccess("short", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
    }
}
