package dev.parley.dtls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A {@link DtlsOutput} for tests: datagrams go to a settable peer, events into a queue to await. */
final class Outputs implements DtlsOutput {

    static final Duration WAIT = Duration.ofSeconds(40);

    final LinkedBlockingQueue<DtlsEvent> events = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    volatile Consumer<byte[]> peer = d -> { };

    @Override
    public void send(byte[] datagram) {
        sent.add(datagram);
        peer.accept(datagram);
    }

    @Override
    public void event(DtlsEvent event) {
        events.add(event);
    }

    /** The next event, waiting up to {@link #WAIT}; fails the test if none comes. */
    DtlsEvent next() throws InterruptedException {
        DtlsEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no DTLS event within " + WAIT);
        }
        return e;
    }

    <T extends DtlsEvent> T next(Class<T> type) throws InterruptedException {
        DtlsEvent e = next();
        if (!type.isInstance(e)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + e);
        }
        return type.cast(e);
    }

    /** Events that arrived so far, without waiting. */
    List<DtlsEvent> drained() {
        List<DtlsEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** Wires two endpoints back to back in memory. */
    static void connect(DtlsEndpoint a, Outputs aOut, DtlsEndpoint b, Outputs bOut) {
        aOut.peer = d -> b.receive(d, 0, d.length, System.currentTimeMillis());
        bOut.peer = d -> a.receive(d, 0, d.length, System.currentTimeMillis());
    }
}
