package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The static-file cache holds the web client's files and nothing a request merely names. */
class StaticAssetsTest {

    private final StaticAssets assets = new StaticAssets(StaticAssetsTest.class.getClassLoader(), "web");

    @Test
    void requestsForMissingFilesLeaveNothingInTheCache() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(assets.find("js/missing-" + i + ".js")).isEmpty();
        }
        assertThat(assets.cachedCount()).isZero();
    }

    @Test
    void filesThatExistAreCachedOnce() {
        assertThat(assets.find("js/protocol.js")).isPresent();
        assertThat(assets.find("js/protocol.js")).isPresent();
        assertThat(assets.find("index.html")).isPresent();
        assertThat(assets.cachedCount()).isEqualTo(2);
    }
}
