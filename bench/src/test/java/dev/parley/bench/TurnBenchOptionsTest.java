package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TurnBenchOptionsTest {

    @Test
    void defaultsAreTheFortyThousandMessagesPerSecondLoad() {
        TurnBenchOptions o = TurnBenchOptions.parse();

        assertThat(o.clients()).isEqualTo(40);
        assertThat(o.offeredPerSecond()).isEqualTo(40_000);
        assertThat(o.rounds()).isEqualTo(2);
        assertThat(o.results()).isNull();
    }

    @Test
    void optionsOverrideDefaultsAndNoResultsWins() {
        TurnBenchOptions o = TurnBenchOptions.parse("--results", "docs/benchmarks.md", "--clients", "10",
                "--max-clients", "0", "--no-results");

        assertThat(o.clients()).isEqualTo(10);
        assertThat(o.maxClients()).isZero();
        assertThat(o.results()).isNull();
        assertThat(TurnBenchOptions.parse("--results", "x.md").results()).isEqualTo(Path.of("x.md"));
    }

    @Test
    void unknownOrBadValuesAreRefused() {
        assertThatThrownBy(() -> TurnBenchOptions.parse("--bogus", "1")).hasMessageContaining("Unknown option --bogus");
        assertThatThrownBy(() -> TurnBenchOptions.parse("--rounds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TurnBenchOptions.parse("--clients")).hasMessageContaining("Missing value");
    }
}
