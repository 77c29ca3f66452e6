package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UclientOutputTest {

    /** Shortened output of a real `turnutils_uclient -c -m 40 -n 2000 -l 1000 -z 1` run. */
    private static final String RUN = """
            0: : Total connect time is 4
            0: : start_mclient: msz=40, tot_send_msgs=0, tot_recv_msgs=0, tot_send_bytes ~ 0, tot_recv_bytes ~ 0
            2: : start_mclient: msz=40, tot_send_msgs=700, tot_recv_msgs=690, tot_send_bytes ~ 700000, tot_recv_bytes ~ 690000
            3: : start_mclient: msz=40, tot_send_msgs=20700, tot_recv_msgs=20600, tot_send_bytes ~ 1, tot_recv_bytes ~ 1
            4: : start_mclient: msz=40, tot_send_msgs=60700, tot_recv_msgs=60000, tot_send_bytes ~ 1, tot_recv_bytes ~ 1
            6: : start_mclient: msz=40, tot_send_msgs=138700, tot_recv_msgs=137000, tot_send_bytes ~ 1, tot_recv_bytes ~ 1
            7: : start_mclient: msz=12, tot_send_msgs=150000, tot_recv_msgs=148000, tot_send_bytes ~ 1, tot_recv_bytes ~ 1
            7: : start_mclient: tot_send_msgs=150000, tot_recv_msgs=148000
            7: : start_mclient: tot_send_bytes ~ 150000000, tot_recv_bytes ~ 148000000
            7: : Total transmit time is 7
            7: : Total lost packets 2000 (1.333333%), total send dropped 0 (0.000000%)
            7: : Average round trip delay 0.022675 ms; min = 0 ms, max = 9 ms
            7: : Average jitter 1.501600 ms; min = 1 ms, max = 12 ms
            """;

    @Test
    void totalsLossAndRoundTripAreRead() {
        UclientOutput out = UclientOutput.parse(RUN);

        assertThat(out.sent()).isEqualTo(150_000);
        assertThat(out.received()).isEqualTo(148_000);
        assertThat(out.lost()).isEqualTo(2_000);
        assertThat(out.lossPercent()).isCloseTo(1.333, within(0.001));
        assertThat(out.rttMillis()).isCloseTo(0.022675, within(1e-9));
        assertThat(out.samples()).hasSize(6);
    }

    @Test
    void plateauIsTheSecondsAtNinetyPercentOfThePeakSendRate() {
        // Per-second send rates: 350 (2 s), 20,000, 40,000, 39,000 (2 s), 11,300: the plateau is 3 s long.
        UclientOutput.Plateau plateau = UclientOutput.parse(RUN).plateau();

        assertThat(plateau.seconds()).isEqualTo(3);
        assertThat(plateau.sentPerSecond()).isCloseTo((40_000 + 2 * 39_000) / 3.0, within(0.01));
        assertThat(plateau.receivedPerSecond()).isCloseTo((39_400 + 77_000) / 3.0, within(0.01));
    }

    @Test
    void anUnfinishedRunIsAnError() {
        assertThatThrownBy(() -> UclientOutput.parse("0: : channel bind: error 400 (Bad Request)\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error 400");
    }
}
