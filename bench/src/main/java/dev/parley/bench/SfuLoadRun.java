package dev.parley.bench;

import dev.parley.dtls.DtlsCertificate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The SFU benchmark's load: an {@link SfuHost} in its own JVM, {@code rooms × (publishers + subscribers)}
 * {@link SfuLoadClient}s in this one, one pacer thread sending every publisher's video, one receiver thread reading
 * every client's socket, and a ticker for ICE consent and DTLS timeouts. {@link #phase} runs one rate and returns its
 * figures. Every loop is bounded in time; {@link #close} stops the threads, the clients and the SFU.
 */
final class SfuLoadRun implements AutoCloseable {

    /** Packets a publisher may fall behind its schedule before the pacer skips ahead (and counts it). */
    private static final long PACER_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CONSENT_INTERVAL_MILLIS = 2_000;
    private static final int RECEIVE_BATCH = 64;
    static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    private final SfuBenchOptions options;
    private final SfuHostHandle host;
    private final List<SfuLoadClient> clients = new ArrayList<>();
    private final List<SfuLoadClient> publishers = new ArrayList<>();
    private final Map<String, SfuLoadClient> byKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, SfuLoadClient>> byRoom = new ConcurrentHashMap<>();
    private final Map<SfuLoadClient, Integer> fanout = new HashMap<>();
    private final Selector selector;
    private final Thread receiverThread;
    private final Thread pacerThread;
    private final Thread tickerThread;
    private volatile boolean running = true;
    private volatile SfuPhase phase = new SfuPhase("setup", 0, Long.MAX_VALUE, Long.MAX_VALUE);
    private volatile double rate;
    private volatile long pacerSkips;
    private final long heapEmpty;
    private long heapConnected;
    private long setupMillis;
    private long handshakeP50;
    private long handshakeMax;

    /** How connecting went: its time, DTLS handshake times, the SFU's heap before and after. */
    record Setup(long millis, long handshakeP50, long handshakeMax, long heapEmpty, long heapConnected,
                 String srtpProfiles) {
    }

    /** The figures of one phase. */
    record Result(SfuPhase phase, Latency.Summary latency, double windowSeconds, long sentInWindow, long expected,
                  long received, SfuHostHandle.Stats before, SfuHostHandle.Stats after, long dropsAtSfuSocket,
                  long dropsAtClientSockets, long clientCpuNanos, long machineBusyNanos, long elapsedNanos,
                  double loadBefore, double loadAfter, long pacerSkips, long sendFailures) {

        long rtpOut() {
            return after.rtpOut() - before.rtpOut();
        }

        long rtpIn() {
            return after.rtpIn() - before.rtpIn();
        }

        double loopCpuSeconds() {
            return (after.loopCpuNanos() - before.loopCpuNanos()) / 1e9;
        }

        double sfuSeconds() {
            return (after.atNanos() - before.atNanos()) / 1e9;
        }

        double sfuProcessCores() {
            return (after.processCpuNanos() - before.processCpuNanos()) / 1e9 / sfuSeconds();
        }

        double loopCores() {
            return loopCpuSeconds() / sfuSeconds();
        }

        double outPerLoopCore() {
            return loopCpuSeconds() <= 0 ? 0 : rtpOut() / loopCpuSeconds();
        }

        double allocatedPerPacket() {
            long out = rtpOut();
            return out <= 0 ? 0 : (after.loopAllocatedBytes() - before.loopAllocatedBytes()) / (double) out;
        }

        long sfuDrops() {
            return after.drops() - before.drops();
        }

        double clientCores() {
            return clientCpuNanos / (double) elapsedNanos;
        }

        double otherCores() {
            if (machineBusyNanos < 0) {
                return Double.NaN;
            }
            long sfu = after.processCpuNanos() - before.processCpuNanos();
            return Math.max(0, (machineBusyNanos - sfu - clientCpuNanos) / (double) elapsedNanos);
        }
    }

    SfuLoadRun(SfuBenchOptions options) throws IOException, InterruptedException {
        this.options = options;
        String logLevel = System.getProperty("parley.log.level");
        List<String> jvm = new ArrayList<>();
        if (logLevel != null) {
            jvm.add("-Dparley.log.level=" + logLevel);
        }
        if (options.sfuRecording() != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.sfuRecording().toAbsolutePath()
                    + ",settings=profile");
        }
        this.host = new SfuHostHandle(jvm, new SfuHostHandle.Events() {
            @Override
            public void offer(String room, String id, int version, String sdp,
                    List<SfuHostHandle.OfferedTrack> tracks) {
                SfuLoadClient c = byKey.get(room + "/" + id);
                if (c != null) {
                    c.onOffer(version, sdp, tracks, byRoom.get(room));
                }
            }

            @Override
            public void answered(String room, String id, int version, String refusal) {
                SfuLoadClient c = byKey.get(room + "/" + id);
                if (c != null) {
                    c.onAnswered(version, refusal);
                }
            }

            @Override
            public void refused(String room, String id, String reason) {
                SfuLoadClient c = byKey.get(room + "/" + id);
                if (c != null) {
                    c.fail("connect refused: " + reason);
                }
            }
        });
        try {
            heapEmpty = host.heap();
            selector = Selector.open();
            DtlsCertificate certificate = DtlsCertificate.generate();
            InetSocketAddress sfu = new InetSocketAddress("127.0.0.1", host.port());
            int index = 0;
            for (int r = 0; r < options.rooms(); r++) {
                String room = "bench-" + r;
                Map<String, SfuLoadClient> members = new ConcurrentHashMap<>();
                byRoom.put(room, members);
                for (int i = 0; i < options.publishers() + options.subscribers(); i++) {
                    boolean publishes = i < options.publishers();
                    String id = (publishes ? "p" : "s") + i;
                    SfuLoadClient c = new SfuLoadClient(room, id, index++, publishes, sfu, certificate, host,
                            options.receiveBufferBytes());
                    clients.add(c);
                    members.put(id, c);
                    byKey.put(room + "/" + id, c);
                    if (publishes) {
                        publishers.add(c);
                    }
                    c.channel.register(selector, SelectionKey.OP_READ, c);
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            closeQuietly();
            throw e;
        }
        receiverThread = Thread.ofPlatform().name("sfu-bench-receiver").daemon().unstarted(this::receive);
        pacerThread = Thread.ofPlatform().name("sfu-bench-pacer").daemon().unstarted(this::pace);
        tickerThread = Thread.ofPlatform().name("sfu-bench-ticker").daemon().unstarted(this::tick);
        receiverThread.start();
        pacerThread.start();
        tickerThread.start();
    }

    int sfuPort() {
        return host.port();
    }

    long sfuPid() {
        return host.pid();
    }

    int clientCount() {
        return clients.size();
    }

    /** Connects every client and waits until each is connected and has answered an offer with all its streams. */
    void connectAll() throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(options.setupTimeoutSeconds());
        long nextCheck = 0;
        int connected = 0;
        while (true) {
            int settled = 0;
            int connecting = 0;
            for (int i = 0; i < connected; i++) {
                SfuLoadClient c = clients.get(i);
                if (c.failure() != null) {
                    throw new IllegalStateException("setup failed: " + c.failure());
                }
                if (c.connected()) {
                    if (c.settled() && c.forwardedStreams() == options.publishers() - (c.publishes ? 1 : 0)) {
                        settled++;
                    }
                } else {
                    connecting++;
                }
            }
            if (settled == clients.size()) {
                break;
            }
            // A few handshakes at a time: dozens at once on a small machine outlast the SFU's 10 s DTLS limit.
            while (connected < clients.size() && connecting < options.connectConcurrency()) {
                SfuLoadClient c = clients.get(connected++);
                host.connect(c.room, c.id);
                connecting++;
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new IllegalStateException("setup: " + settled + " of " + clients.size()
                        + " clients connected with all streams after " + options.setupTimeoutSeconds() + " s; "
                        + clients.stream().filter(c -> !c.settled()
                                || c.forwardedStreams() != options.publishers() - (c.publishes ? 1 : 0)).limit(3)
                        .map(SfuLoadClient::describe).toList());
            }
            if (now - nextCheck > 0) {
                nextCheck = now + TimeUnit.MILLISECONDS.toNanos(500);
                for (int i = 0; i < connected; i++) {
                    SfuLoadClient c = clients.get(i);
                    if (!c.settled()) {
                        c.sendCheck(); // a lost check or response is repeated, as ICE does
                    }
                }
            }
            Thread.sleep(20);
        }
        setupMillis = (System.nanoTime() - started) / 1_000_000;
        long[] handshakes = clients.stream().mapToLong(SfuLoadClient::handshakeMillis).sorted().toArray();
        handshakeP50 = handshakes[handshakes.length / 2];
        handshakeMax = handshakes[handshakes.length - 1];
        for (SfuLoadClient c : clients) {
            fanout.put(c, 0);
        }
        for (SfuLoadClient subscriber : clients) {
            for (SfuLoadClient publisher : publishers) {
                if (publisher != subscriber && publisher.room.equals(subscriber.room)) {
                    fanout.merge(publisher, 1, Integer::sum);
                }
            }
        }
        Thread.sleep(500); // let the last answers' keyframe requests and reports pass
        heapConnected = host.heap();
        log("%d clients connected in %.1f s (DTLS handshake p50 %d ms, max %d ms); SFU heap %.1f MiB (empty %.1f MiB)",
                clients.size(), setupMillis / 1000.0, handshakeP50, handshakeMax, heapConnected / 1048576.0,
                heapEmpty / 1048576.0);
    }

    /** Sends at {@code ratePerPublisher} for warm-up + window + drain; returns the window's figures. */
    Result phase(String name, double ratePerPublisher, double warmupSeconds, double windowSeconds)
            throws InterruptedException {
        long start = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = start + (long) (windowSeconds * 1e9);
        SfuPhase p = new SfuPhase(name, ratePerPublisher, start, end);
        long skipsBefore = pacerSkips;
        long failuresBefore = sendFailures();
        rate = ratePerPublisher;
        phase = p;
        sleepUntil(start);
        SfuHostHandle.Stats before = host.stats();
        Map<Integer, Long> udpBefore = UdpDrops.byPort();
        long cpuBefore = ownCpuNanos();
        long machineBefore = MachineCpu.busyNanos();
        long t0 = System.nanoTime();
        double loadBefore = loadAverage();
        sleepUntil(end);
        SfuHostHandle.Stats after = host.stats();
        long t1 = System.nanoTime();
        long cpuAfter = ownCpuNanos();
        long machineAfter = MachineCpu.busyNanos();
        double loadAfter = loadAverage();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(DRAIN_NANOS));
        p.closed = true;
        Map<Integer, Long> udpAfter = UdpDrops.byPort();
        long sent = 0;
        long expected = 0;
        for (SfuLoadClient pub : publishers) {
            sent += pub.windowSent;
            expected += pub.windowSent * fanout.get(pub);
        }
        return new Result(p, p.latency.summary(), p.windowSeconds(), sent, expected, p.received, before, after,
                UdpDrops.at(udpBefore, udpAfter, host.port()), UdpDrops.elsewhere(udpBefore, udpAfter, host.port()),
                cpuAfter - cpuBefore, machineBefore < 0 || machineAfter < 0 ? -1 : machineAfter - machineBefore,
                t1 - t0, loadBefore, loadAfter, pacerSkips - skipsBefore, sendFailures() - failuresBefore);
    }

    Setup setup() {
        String profiles = String.join(", ", clients.stream().map(SfuLoadClient::srtpProfile).distinct().sorted()
                .toList());
        return new Setup(setupMillis, handshakeP50, handshakeMax, heapEmpty, heapConnected, profiles);
    }

    /** Stops sending. */
    void idle() {
        rate = 0;
    }

    long heap() throws InterruptedException {
        return host.heap();
    }

    /** How many subscribers receive each publisher's camera (the same for every publisher). */
    int fanoutPerPublisher() {
        return options.publishers() + options.subscribers() - 1;
    }

    int publisherCount() {
        return publishers.size();
    }

    private long sendFailures() {
        long n = 0;
        for (SfuLoadClient p : publishers) {
            n += p.sendFailures;
        }
        return n;
    }

    // ---- threads ---------------------------------------------------------------------------------------------------

    /** Every publisher sends one packet each 1/rate s, evenly spaced (as a browser's pacer spreads a frame). */
    private void pace() {
        int n = publishers.size();
        long[] due = new long[n];
        SfuPhase seen = null;
        double pacedRate = 0;
        long interval = 0;
        while (running) {
            double r = rate;
            SfuPhase p = phase;
            long now = System.nanoTime();
            if (p != seen) {
                seen = p;
                for (SfuLoadClient pub : publishers) {
                    pub.windowSent = 0;
                }
            }
            if (r != pacedRate) {
                pacedRate = r;
                interval = r <= 0 ? 0 : (long) (1e9 / r);
                for (int i = 0; i < n; i++) {
                    due[i] = now + interval * i / Math.max(1, n);
                }
            }
            if (interval == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            long next = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (now - due[i] > PACER_SLACK_NANOS) {
                    pacerSkips++;
                    due[i] = now;
                }
                while (due[i] - now <= 0) {
                    publishers.get(i).sendVideo(p.windowStart, p.windowEnd);
                    due[i] += interval;
                }
                next = Math.min(next, due[i]);
            }
            long wait = next - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void receive() {
        byte[] bytes = new byte[2048];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int verifyEvery = options.verifyEvery();
        try {
            while (running) {
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    SfuLoadClient c = (SfuLoadClient) key.attachment();
                    for (int i = 0; i < RECEIVE_BATCH; i++) {
                        buffer.clear();
                        if (c.channel.receive(buffer) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        try {
                            c.onDatagram(bytes, buffer.position(), now, phase, verifyEvery);
                        } catch (RuntimeException e) {
                            c.fail("receiving: " + e);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (running) {
                log("receiver stopped: %s", e);
            }
        }
    }

    private void tick() {
        long nextConsent = System.currentTimeMillis() + CONSENT_INTERVAL_MILLIS;
        while (running) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            for (SfuLoadClient c : clients) {
                c.tickDtls();
            }
            if (System.currentTimeMillis() >= nextConsent) {
                nextConsent += CONSENT_INTERVAL_MILLIS;
                for (SfuLoadClient c : clients) {
                    c.sendCheck();
                }
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void log(String format, Object... args) {
        System.err.println("[sfu-bench] " + String.format(Locale.ROOT, format, args));
    }

    private void closeQuietly() {
        running = false;
        for (SfuLoadClient c : clients) {
            c.close();
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            // Closing at the end of the run.
        }
        host.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            pacerThread.join(2_000);
            tickerThread.join(2_000);
            selector.wakeup();
            receiverThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
