package dev.parley.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.signaling.IceServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServersTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void hostHeaderLosesItsPort() {
        assertThat(IceServers.hostOf("meet.example.org:8443")).isEqualTo("meet.example.org");
        assertThat(IceServers.hostOf("192.168.1.5")).isEqualTo("192.168.1.5");
        assertThat(IceServers.hostOf("[fd00::2]:8443")).isEqualTo("fd00::2");
        assertThat(IceServers.hostOf(null)).isNull();
    }

    @Test
    void probesGetCredentialsValidForAMinute() {
        TurnSettings settings = new TurnSettings(true, 3478, -1, 49152, 65535, "parley", Duration.ofHours(1), 10, 2,
                64, 0, false, false, null, List.of("turn:coturn.example.org:3478"), "external-secret");
        IceServers ice = new IceServers(settings, "embedded-secret", 3478, -1, null, List.of(), clock);
        List<IceServer> servers = ice.forConnection("localhost").forProbe("probe-x1");
        long expiry = clock.instant().getEpochSecond() + 60;
        assertThat(servers).extracting(IceServer::username).containsExactly(expiry + ":probe-x1", expiry + ":probe-x1");
        assertThatThrownBy(() -> ice.forConnection("localhost").forProbe("p1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddedExternalAndStaticServersAreAllHandedOut() {
        TurnSettings settings = new TurnSettings(true, 3478, 5349, 49152, 65535, "parley", Duration.ofHours(1), 10, 2,
                64, 0, false, false, null, List.of("turn:coturn.example.org:3478"), "external-secret");
        IceServers ice = new IceServers(settings, "embedded-secret", 3478, 5349, null,
                List.of("stun:stun.example.org:19302"), clock);
        List<IceServer> servers = ice.forConnection("fd00::2").forParticipant("p1");
        assertThat(servers).hasSize(3);
        assertThat(servers.get(0).urls()).containsExactly("stun:[fd00::2]:3478", "turn:[fd00::2]:3478?transport=udp",
                "turn:[fd00::2]:3478?transport=tcp", "turns:[fd00::2]:5349?transport=tcp");
        assertThat(servers.get(0).username()).isEqualTo((clock.instant().getEpochSecond() + 3600) + ":p1");
        assertThat(servers.get(1).credential()).isNotEqualTo(servers.get(0).credential());
        assertThat(servers.get(2).username()).isNull();
    }

    @Test
    void publicHostWinsOverTheRequestHost() {
        IceServers ice = new IceServers(TurnSettings.forTests(), "s", 3478, -1, "meet.example.org", List.of(), clock);
        assertThat(ice.forConnection("10.0.0.3").forParticipant("p").get(0).urls().get(0))
                .isEqualTo("stun:meet.example.org:3478");
    }
}
