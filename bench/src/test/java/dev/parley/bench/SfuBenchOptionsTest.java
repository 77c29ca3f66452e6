package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SfuBenchOptionsTest {

    @Test
    void defaultsAreFourRoomsOfTwentyAtCameraRate() {
        SfuBenchOptions o = SfuBenchOptions.parse();

        assertThat(o.clients()).isEqualTo(80);
        assertThat(o.rate()).isEqualTo(150);
        assertThat(o.saturationRates()).containsExactly(300.0, 600.0, 1200.0, 2400.0);
        assertThat(o.results()).isNull();
    }

    @Test
    void optionsOverrideDefaults() {
        SfuBenchOptions o = SfuBenchOptions.parse("--rooms", "1", "--publishers", "1", "--subscribers", "49",
                "--saturation", "1000, 2000", "--verify-every", "0", "--results", "docs/benchmarks.md");

        assertThat(o.clients()).isEqualTo(50);
        assertThat(o.saturationRates()).containsExactly(1000.0, 2000.0);
        assertThat(o.verifyEvery()).isZero();
        assertThat(o.results()).isEqualTo(Path.of("docs/benchmarks.md"));
        assertThat(SfuBenchOptions.parse("--no-saturation").saturationRates()).isEqualTo(List.of());
        assertThat(SfuBenchOptions.parse("--results", "x.md", "--no-results").results()).isNull();
    }

    @Test
    void roomsMustFitTheSfuLimit() {
        assertThatThrownBy(() -> SfuBenchOptions.parse("--publishers", "2", "--subscribers", "49"))
                .hasMessageContaining("at most 50");
        assertThatThrownBy(() -> SfuBenchOptions.parse("--publishers", "1", "--subscribers", "0"))
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> SfuBenchOptions.parse("--rate", "0")).hasMessageContaining("(0, 100000]");
        assertThatThrownBy(() -> SfuBenchOptions.parse("--rooms")).hasMessageContaining("Missing value");
        assertThatThrownBy(() -> SfuBenchOptions.parse("--bogus", "1")).hasMessageContaining("Unknown option");
    }
}
