package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.signaling.CloseCodes;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** The outbox bound is in bytes: a client that does not read is closed once it owes 1 MiB, whatever the frames. */
class JettyTransportTest {

    /** A session whose writes complete only when the test says so, as a client that stops reading. */
    private static final class Peer {
        final List<Callback> pending = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();
        boolean open = true;
        final boolean completes;

        Peer(boolean completes) {
            this.completes = completes;
        }

        Session session() {
            return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "sendText" -> {
                            Callback callback = (Callback) args[1];
                            if (completes) {
                                callback.succeed();
                            } else {
                                pending.add(callback);
                            }
                            yield null;
                        }
                        case "isOpen" -> open;
                        case "close" -> {
                            closes.add((Integer) args[0]);
                            open = false;
                            yield null;
                        }
                        case "getRemoteSocketAddress" -> new InetSocketAddress("127.0.0.1", 1);
                        case "toString" -> "test session";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static String frame(int bytes) {
        return "x".repeat(bytes);
    }

    @Test
    void aClientThatDoesNotReadIsClosedOnceItOwesAMebibyte() {
        Peer stalled = new Peer(false);
        JettyTransport transport = new JettyTransport(stalled.session(), Runnable::run);

        for (int i = 0; i < 16; i++) {
            transport.send(frame(64 * 1024));
        }
        assertThat(stalled.closes).as("exactly at the bound").isEmpty();
        assertThat(transport.pendingBytes()).isEqualTo(JettyTransport.OUTBOX_BYTES);
        transport.send(frame(1));

        assertThat(stalled.closes).containsExactly(CloseCodes.SLOW_CONSUMER);
        assertThat(stalled.pending).hasSize(16);
    }

    @Test
    void manySmallFramesCountByTheirBytesNotTheirNumber() {
        Peer stalled = new Peer(false);
        JettyTransport transport = new JettyTransport(stalled.session(), Runnable::run);

        for (int i = 0; i < 5000; i++) {
            transport.send(frame(100));
        }

        assertThat(stalled.closes).as("5,000 frames of 100 bytes are under 1 MiB").isEmpty();
        assertThat(transport.pendingBytes()).isEqualTo(500_000);
    }

    @Test
    void aReadingClientNeverOwesAnything() {
        Peer reading = new Peer(true);
        JettyTransport transport = new JettyTransport(reading.session(), Runnable::run);

        for (int i = 0; i < 100; i++) {
            transport.send(frame(64 * 1024));
        }

        assertThat(reading.closes).isEmpty();
        assertThat(transport.pendingBytes()).isZero();
    }

    @Test
    void writesCompletingLaterFreeTheirBytes() {
        Peer slow = new Peer(false);
        JettyTransport transport = new JettyTransport(slow.session(), Runnable::run);
        transport.send(frame(600 * 1024));
        slow.pending.removeFirst().succeed();
        transport.send(frame(600 * 1024));

        assertThat(slow.closes).isEmpty();
        assertThat(transport.pendingBytes()).isEqualTo(600 * 1024);
        assertThat(JettyTransport.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
