package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final long MINUTE = 60_000_000_000L;

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void socketsPerAddressAndInAllAreCapped() throws Exception {
        Admission a = new Admission(new Admission.Limits(5, 2, 30, 10, false));
        assertThat(a.open(ip("1.2.3.4"), 0)).isNull();
        assertThat(a.open(ip("1.2.3.4"), 0)).isNull();
        assertThat(a.open(ip("1.2.3.4"), 0)).isEqualTo(Admission.Refusal.TOO_MANY_SOCKETS);
        assertThat(a.open(ip("1.2.3.5"), 0)).isNull();
        a.closed(ip("1.2.3.4"), 0);
        assertThat(a.open(ip("1.2.3.4"), 0)).as("a slot given back").isNull();
        assertThat(a.open(ip("127.0.0.1"), 0)).isNull();
        assertThat(a.open(ip("127.0.0.1"), 0)).isNull();
        assertThat(a.open(ip("127.0.0.1"), 0)).isEqualTo(Admission.Refusal.SERVER_FULL);
        assertThat(a.sessions()).isEqualTo(5);
    }

    @Test
    void anIpv6HostCountsByItsSlash64() throws Exception {
        Admission a = new Admission(new Admission.Limits(100, 2, 30, 10, false));
        assertThat(a.open(ip("2001:4860:1:2::1"), 0)).isNull();
        assertThat(a.open(ip("2001:4860:1:2:ffff::9"), 0)).isNull();
        assertThat(a.open(ip("2001:4860:1:2:abcd::7"), 0)).isEqualTo(Admission.Refusal.TOO_MANY_SOCKETS);
        assertThat(a.open(ip("2001:4860:1:3::1"), 0)).as("another /64").isNull();
    }

    @Test
    void loopbackIsNotLimitedPerAddressUnlessAskedTo() throws Exception {
        Admission open = new Admission(new Admission.Limits(100, 1, 1, 1, false));
        for (int i = 0; i < 10; i++) {
            assertThat(open.open(ip("127.0.0.1"), 0)).isNull();
            assertThat(open.mayJoin(ip("::1"), 0)).isTrue();
        }
        Admission strict = new Admission(new Admission.Limits(100, 1, 1, 1, true));
        assertThat(strict.open(ip("127.0.0.1"), 0)).isNull();
        assertThat(strict.open(ip("127.0.0.1"), 0)).isEqualTo(Admission.Refusal.TOO_MANY_SOCKETS);
    }

    @Test
    void joinsAndNewRoomsPerMinuteAreABurstRefilledEvenly() throws Exception {
        Admission a = new Admission(new Admission.Limits(100, 10, 3, 2, false));
        InetAddress host = ip("1.2.3.4");
        assertThat(a.mayJoin(host, 0)).isTrue();
        assertThat(a.mayJoin(host, 0)).isTrue();
        assertThat(a.mayJoin(host, 0)).isTrue();
        assertThat(a.mayJoin(host, 0)).isFalse();
        assertThat(a.mayJoin(host, MINUTE / 3 - 1_000_000)).as("not yet a third of a minute").isFalse();
        assertThat(a.mayJoin(host, MINUTE / 3 + 1_000_000)).isTrue();
        assertThat(a.mayCreateRoom(host, 0)).isTrue();
        assertThat(a.mayCreateRoom(host, 0)).isTrue();
        assertThat(a.mayCreateRoom(host, 0)).isFalse();
        assertThat(a.mayJoin(ip("1.2.3.5"), 0)).as("another address has its own budget").isTrue();
    }

    @Test
    void idleAddressesAreForgotten() throws Exception {
        Admission a = new Admission(Admission.Limits.DEFAULTS);
        for (int i = 0; i < 1000; i++) {
            a.mayJoin(ip("10.0." + (i / 250) + "." + (i % 250 + 1)), 0);
        }
        assertThat(a.open(ip("1.2.3.4"), 0)).isNull();
        assertThat(a.trackedAddresses()).isEqualTo(1001);
        a.sweep(2 * MINUTE);
        assertThat(a.trackedAddresses()).as("only the one with an open socket").isEqualTo(1);
    }
}
