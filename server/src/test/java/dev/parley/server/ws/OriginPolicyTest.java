package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

    @Test
    void pageOfTheSameSchemeHostAndPortIsAllowed() {
        assertThat(sameOriginOnly.allows("https://192.168.1.5:8443", true, "192.168.1.5:8443")).isTrue();
        assertThat(sameOriginOnly.allows("http://localhost:8080", false, "localhost:8080")).isTrue();
        assertThat(sameOriginOnly.allows("https://Meet.Example.org", true, "meet.example.org")).isTrue();
        assertThat(sameOriginOnly.allows("https://meet.example.org", true, "meet.example.org:443")).isTrue();
    }

    @Test
    void otherHostsPortsAndSchemesAreRefused() {
        assertThat(sameOriginOnly.allows("https://evil.example", true, "meet.example.org")).isFalse();
        assertThat(sameOriginOnly.allows("https://meet.example.org:8443", true, "meet.example.org:9443")).isFalse();
        assertThat(sameOriginOnly.allows("http://meet.example.org", true, "meet.example.org")).isFalse();
        assertThat(sameOriginOnly.allows("null", true, "meet.example.org")).isFalse();
        assertThat(sameOriginOnly.allows("file://", true, "meet.example.org")).isFalse();
        assertThat(sameOriginOnly.allows("https://meet.example.org", true, null)).isFalse();
        assertThat(sameOriginOnly.allows("not a uri at all", true, "meet.example.org")).isFalse();
    }

    @Test
    void configuredOriginsAreAllowedToo() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", "garbage origin"));
        assertThat(policy.allows("https://app.example.com:443", true, "meet.example.org")).isTrue();
        assertThat(policy.allows("https://other.example.com", true, "meet.example.org")).isFalse();
    }

    @Test
    void clientsWithoutOriginAreNotBrowsersAndAreAllowed() {
        assertThat(sameOriginOnly.allows(null, true, "meet.example.org")).isTrue();
    }
}
