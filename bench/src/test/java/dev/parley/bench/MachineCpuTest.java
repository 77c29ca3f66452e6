package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void busyTicksAreAllButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineCpu.busyTicks("cpu  100 5 50 1000 20 3 7 2 40 0")).isEqualTo(100 + 5 + 50 + 3 + 7 + 2);
    }

    @Test
    void perCoreLineIsRefused() {
        assertThatThrownBy(() -> MachineCpu.busyTicks("cpu0 1 2 3 4 5")).isInstanceOf(IllegalArgumentException.class);
    }
}
