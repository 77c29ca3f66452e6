package dev.parley.sfu;

import dev.parley.dtls.DtlsCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU: one UDP socket and one media loop thread that owns all SFU state (docs/media.md, "Threads"). The public
 * methods are thread-safe: they post a task to the loop and return at once; results come back through the
 * {@link SfuListener} or a future.
 */
public final class Sfu implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sfu.class);
    static final int TASK_QUEUE = 4096;
    private static final long TICK_NANOS = 100_000_000L;
    /** Datagrams read in one go before tasks and timers get a turn. */
    private static final int READ_BATCH = 256;

    private final DatagramChannel channel;
    private final Selector selector;
    private final SfuEngine engine;
    private final SfuMetrics metrics = new SfuMetrics();
    private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(TASK_QUEUE);
    /**
     * Leaves and screen-share changes waiting for the loop, the latest per participant: never dropped, since losing
     * one leaves a transport (or a room) behind, and bounded by the participants the room registry admits, not by
     * how often they change.
     */
    private final Map<Member, Control> controls = new ConcurrentHashMap<>();
    /**
     * DTLS handshake results (complete, failed, closed), never dropped: a lost one leaves a connection that the
     * browser keeps alive with consent checks but that never connects. Bounded by the transports: a DTLS endpoint
     * reports at most two events.
     */
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final ByteBuffer sendView = ByteBuffer.allocateDirect(2048);
    private volatile boolean running = true;

    private Sfu(SfuSettings settings, SfuListener listener) throws IOException {
        channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(new InetSocketAddress(settings.bindAddress(), settings.port()));
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        engine = new SfuEngine(settings, listener, metrics, this::sendNow, this::post, this::postEvent,
                DtlsFactory.endpoints(DtlsCertificate.generate()), new SecureRandom());
        engine.listening(port());
        thread = Thread.ofPlatform().name("sfu-loop").daemon().unstarted(this::run);
    }

    /** Binds the media port and starts the loop. */
    public static Sfu start(SfuSettings settings, SfuListener listener) throws IOException {
        Sfu sfu = new Sfu(settings, listener);
        sfu.thread.start();
        log.info("SFU listening on UDP {}, advertising {}", sfu.port(), settings.advertised());
        return sfu;
    }

    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public SfuMetrics metrics() {
        return metrics;
    }

    /**
     * Asks for a fresh SFU connection for the participant; its offer goes to the listener. False when the SFU is
     * overloaded (its task queue is full). A full room is reported through {@link SfuListener#refused}.
     *
     * @param sharingNow participants of the room sharing their screen now
     */
    public boolean connect(String room, String participantId, Set<String> sharingNow, SfuListener.Refusal onRefused) {
        Set<String> sharing = Set.copyOf(sharingNow);
        return post(() -> {
            if (!engine.connect(room, participantId, sharing)) {
                onRefused.refused("The room has the most SFU connections it may have");
            }
        });
    }

    /** Applies an answer. */
    public CompletableFuture<AnswerOutcome> answer(String room, String participantId, int version, String sdp) {
        CompletableFuture<AnswerOutcome> result = new CompletableFuture<>();
        if (!post(() -> result.complete(engine.answer(room, participantId, version, sdp)))) {
            result.complete(new AnswerOutcome.Refused(AnswerOutcome.Refused.Kind.OVERLOADED,
                    "The SFU is overloaded; try again"));
        }
        return result;
    }

    /** The participant left its room: its connection and tracks go. Never dropped, even when the loop is busy. */
    public void leave(String room, String participantId) {
        controls.put(new Member(room, participantId), Control.LEFT);
        selector.wakeup();
    }

    /** The participant started or stopped sharing its screen. Never dropped; a later change replaces it. */
    public void screenSharing(String room, String participantId, boolean sharing) {
        Control state = sharing ? Control.SHARING : Control.NOT_SHARING;
        controls.merge(new Member(room, participantId), state, (old, now) -> old == Control.LEFT ? old : now);
        selector.wakeup();
    }

    /** Control events waiting for the loop (for tests and metrics). */
    int pendingControls() {
        return controls.size();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        post(engine::closeAll);
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            log.debug("closing the SFU socket", e);
        }
    }

    private void postEvent(Runnable event) {
        events.add(event);
        selector.wakeup();
    }

    boolean post(Runnable task) {
        if (!tasks.offer(task)) {
            metrics.drop(DropReason.QUEUE_FULL);
            return false;
        }
        selector.wakeup();
        return true;
    }

    private void run() {
        ByteBuffer receive = ByteBuffer.allocate(2048);
        byte[] bytes = receive.array();
        long nextTick = System.nanoTime();
        try {
            while (running) {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(waitMillis);
                selector.selectedKeys().clear();
                engine.clock(System.currentTimeMillis(), System.nanoTime());
                for (int i = 0; i < READ_BATCH; i++) {
                    receive.clear();
                    InetSocketAddress source = (InetSocketAddress) channel.receive(receive);
                    if (source == null) {
                        break;
                    }
                    long start = System.nanoTime();
                    guard(() -> engine.onDatagram(bytes, receive.position(), source));
                    if (receive.position() > 0 && (bytes[0] & 0xc0) == 0x80) { // RTP/RTCP (RFC 7983: 128-191)
                        metrics.forwarding.record(System.nanoTime() - start);
                    }
                }
                runTasksAndControls();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    engine.clock(System.currentTimeMillis(), now);
                    guard(engine::tick);
                    nextTick = now + TICK_NANOS;
                }
            }
            runTasksAndControls();
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("The SFU socket failed; media through the server stops", e);
            }
        }
    }

    /**
     * Runs the DTLS events and the queued tasks, then the control events taken <em>before</em> them: a
     * participant's {@code connect} is always queued before its leave is recorded, so it has run by the time the
     * leave is applied, and no transport is made for someone who has gone. Runs every pass of the loop, so it
     * allocates nothing when there is no control event.
     */
    private void runTasksAndControls() {
        List<Map.Entry<Member, Control>> taken = List.of();
        if (!controls.isEmpty()) { // one added after this check waits for the next pass
            taken = new ArrayList<>();
            for (Member m : controls.keySet()) {
                Control c = controls.remove(m);
                if (c != null) {
                    taken.add(Map.entry(m, c));
                }
            }
        }
        Runnable task;
        while ((task = events.poll()) != null) {
            guard(task);
        }
        while ((task = tasks.poll()) != null) {
            guard(task);
        }
        for (Map.Entry<Member, Control> e : taken) {
            Member m = e.getKey();
            guard(() -> {
                switch (e.getValue()) {
                    case LEFT -> engine.leave(m.room(), m.participantId());
                    case SHARING -> engine.screenSharing(m.room(), m.participantId(), true);
                    case NOT_SHARING -> engine.screenSharing(m.room(), m.participantId(), false);
                }
            });
        }
    }

    private void guard(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            engine.internalError("a task", e);
        }
    }

    private record Member(String room, String participantId) {
    }

    private enum Control { SHARING, NOT_SHARING, LEFT }

    private boolean sendNow(byte[] buf, int off, int len, InetSocketAddress to) {
        sendView.clear();
        sendView.put(buf, off, len).flip();
        try {
            return channel.send(sendView, to) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
