package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheNameHasSpacesAndParentheses() {
        String stat = "4242 (turn (x) y) S 1 4242 4242 0 -1 4194560 3000 0 0 0 930 481 0 0 20 0 45 0 1000 "
                + "3000000000 80000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(930 + 481);
    }

    @Test
    void statusFieldsAreReadInKib() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  323404 kB\nVmRSS:\t  321472 kB\nThreads:\t45\n";

        assertThat(ProcStats.statusKib(status, "VmRSS")).isEqualTo(321_472);
        assertThat(ProcStats.statusKib(status, "VmHWM")).isEqualTo(323_404);
    }

    @Test
    void ownProcessIsReadable() {
        long pid = ProcessHandle.current().pid();

        assertThat(ProcStats.cpuNanos(pid)).isPositive();
        assertThat(ProcStats.rssBytes(pid)).isPositive();
    }
}
