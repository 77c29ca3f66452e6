package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LocalOnlyHttpHandlerTest {

    @Test
    void onlyLoopbackAddressesCountAsLocal() {
        assertThat(LocalOnlyHttpHandler.isLoopback(new InetSocketAddress("127.0.0.1", 5000))).isTrue();
        assertThat(LocalOnlyHttpHandler.isLoopback(new InetSocketAddress("127.8.9.10", 5000))).isTrue();
        assertThat(LocalOnlyHttpHandler.isLoopback(new InetSocketAddress("::1", 5000))).isTrue();
        assertThat(LocalOnlyHttpHandler.isLoopback(new InetSocketAddress("192.168.1.20", 5000))).isFalse();
        assertThat(LocalOnlyHttpHandler.isLoopback(new InetSocketAddress("fd00::2", 5000))).isFalse();
        assertThat(LocalOnlyHttpHandler.isLoopback(null)).isFalse();
    }

    @Test
    void redirectKeepsHostPathAndQueryOnTheHttpsPort() {
        assertThat(LocalOnlyHttpHandler.httpsLocation("192.168.1.5", 8443, "/r/standup", "x=1"))
                .isEqualTo("https://192.168.1.5:8443/r/standup?x=1");
        assertThat(LocalOnlyHttpHandler.httpsLocation("meet.example.org", 443, "/", null))
                .isEqualTo("https://meet.example.org/");
        assertThat(LocalOnlyHttpHandler.httpsLocation("fd00::2", 8443, "/", null)).isEqualTo("https://[fd00::2]:8443/");
    }
}
