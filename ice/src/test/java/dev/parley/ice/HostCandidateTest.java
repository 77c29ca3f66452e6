package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SDP candidate lines (RFC 8839 §5.1) with RFC 8445 §5.1.2 priorities. */
class HostCandidateTest {

    private static HostCandidate udp(String ip, int port) {
        return new HostCandidate(AgentFixture.address(ip, port), HostCandidate.Transport.UDP, 65535);
    }

    @Test
    void topUdpHostPriorityIs126ShiftedPlusFullLocalPreferencePlusComponentOne() {
        // 2^24 × 126 + 2^8 × 65535 + (256 − 1): the value browsers put on their first host candidate.
        assertThat(udp("192.0.2.10", 40000).priority()).isEqualTo(2130706431L);
    }

    @Test
    void sdpLineHasFoundationComponentTransportPriorityAddressPortAndType() {
        HostCandidate c = udp("192.0.2.10", 40000);

        assertThat(c.sdpLine()).isEqualTo("a=candidate:" + c.foundation() + " 1 udp 2130706431 192.0.2.10 40000 typ host");
        assertThat(c.foundation()).matches("[0-9]{1,10}");
    }

    @Test
    void ipv6CandidatesAreWrittenWithoutScope() throws Exception {
        InetAddress scoped = InetAddress.getByName("fe80::1%1");
        HostCandidate c = new HostCandidate(new InetSocketAddress(scoped, 40000), HostCandidate.Transport.UDP, 100);

        assertThat(c.attributeValue()).endsWith(" fe80:0:0:0:0:0:0:1 40000 typ host");
    }

    @Test
    void foundationIsSharedByTheSameBaseAndTransportOnly() {
        assertThat(udp("192.0.2.10", 40000).foundation()).isEqualTo(udp("192.0.2.10", 40001).foundation());
        assertThat(udp("192.0.2.10", 40000).foundation()).isNotEqualTo(udp("192.0.2.11", 40000).foundation());
        HostCandidate tcp = new HostCandidate(AgentFixture.address("192.0.2.10", 40000),
                HostCandidate.Transport.TCP_PASSIVE, 65535);
        assertThat(tcp.foundation()).isNotEqualTo(udp("192.0.2.10", 40000).foundation());
    }

    @Test
    void passiveTcpCandidateUsesRfc6544DirectionPreference() {
        HostCandidate tcp = new HostCandidate(AgentFixture.address("192.0.2.10", 4443),
                HostCandidate.Transport.TCP_PASSIVE, 8191);

        // local preference = 2^13 × 4 (passive) + 8191
        assertThat(tcp.priority()).isEqualTo((126L << 24) + ((4L << 13 | 8191) << 8) + 255);
        assertThat(tcp.attributeValue()).endsWith(" 1 tcp " + tcp.priority() + " 192.0.2.10 4443 typ host tcptype passive");
        assertThat(tcp.priority()).isLessThan(udp("192.0.2.10", 4443).priority());
    }

    @Test
    void addressesGetDescendingLocalPreferences() throws Exception {
        List<HostCandidate> cs = HostCandidate.forAddresses(
                List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::1")), 40000,
                HostCandidate.Transport.UDP);

        assertThat(cs).extracting(HostCandidate::localPreference).containsExactly(65535, 65534);
        assertThat(cs.get(0).priority()).isGreaterThan(cs.get(1).priority());
    }

    @Test
    void wildcardAddressIsNotACandidate() {
        assertThatThrownBy(() -> udp("0.0.0.0", 40000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostCandidate(AgentFixture.address("192.0.2.1", 1), HostCandidate.Transport.UDP,
                65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
