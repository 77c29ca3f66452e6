package dev.parley.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The load against one server (Parley or the echo floor), in phases the benchmark drives:
 * <ol>
 *   <li>{@link #join}: N clients connect and join, half, a heap reading, then the rest (the heap slope between the
 *       two halves is the marginal cost of an idle participant, free of the server's fixed overhead), then a heap
 *       reading with all N idle;</li>
 *   <li>{@link #slice}: for a few seconds every client sends {@code rate} signals/s to the other participants of its
 *       room in turn; latency is recorded for signals sent inside measured slices. The benchmark alternates slices
 *       between the two servers so that whatever else the machine does falls on both alike;</li>
 *   <li>{@link #saturate}: closed loop, each client keeps {@code window} signals in flight, for the highest
 *       relayed-message rate.</li>
 * </ol>
 * Every wait is bounded in time. The phase methods are called from one thread; the counters clients report to are
 * thread-safe.
 */
final class LoadRun implements AutoCloseable {

    /** Clients ping when silent this long; the server closes sockets silent for 15 s. */
    private static final long PING_SILENCE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long JOIN_TIMEOUT_SECONDS = 60;
    /** Longest wait for a slice's last signals to arrive, so they do not overlap the next slice. */
    private static final long DRAIN_TIMEOUT_MILLIS = 3_000;
    /** Unmeasured lead-in of the saturation run, while in-flight windows fill up. */
    private static final long SATURATION_LEAD_IN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BenchOptions options;
    private final Connector connector;
    private final ServerHandle server;
    private final boolean parley;
    private final ScheduledExecutorService timers;
    private final String padding;
    private final List<SimulatedClient> clients = new ArrayList<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final Latency join = new Latency();
    private final Latency steady = new Latency();
    private final Latency saturated = new Latency();
    private final LongAdder steadySent = new LongAdder();
    private final LongAdder steadyReceived = new LongAdder();
    private final LongAdder saturatedReceived = new LongAdder();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger unexpectedCloses = new AtomicInteger();
    /** Send-time windows [from, until) of the measured slices. */
    private final List<long[]> measured = new CopyOnWriteArrayList<>();
    private volatile boolean sending;
    private volatile long saturateFrom = Long.MAX_VALUE;
    private volatile long saturateUntil = Long.MIN_VALUE;
    private volatile boolean saturating;

    // Phase results, written and read by the driving thread only.
    private ServerHandle.Stats empty;
    private ServerHandle.Stats halfJoined;
    private ServerHandle.Stats idle;
    private long joinNanos;
    private int joinFailures;
    private long serverCpuNanos;
    private long serverWallNanos;
    private long clientCpuNanos;
    private long machineBusyNanos;
    private long wallNanos;
    private double saturatedPerSecond;
    private double saturatedServerCores;

    /** What one run measured. Times in ns, sizes in bytes, CPU in cores (1.0 = one core busy all the time). */
    record Result(String target, int clients, Latency.Summary join, double joinAllSeconds, int joinFailures,
                  double heapPerClientMarginal, double heapPerClient, double directPerClient,
                  Latency.Summary steady, long steadySent, long steadyReceived, double steadySeconds,
                  double serverCpuMsPerThousand, double serverCpuCores, double clientCpuCores, double otherCpuCores,
                  Latency.Summary saturated, double saturatedPerSecond, double saturatedServerCpuCores,
                  int errors, int unexpectedCloses) {

        double steadyPerSecond() {
            return steadyReceived / steadySeconds;
        }
    }

    LoadRun(BenchOptions options, Connector connector, ServerHandle server, boolean parley,
            ScheduledExecutorService timers) {
        this.options = options;
        this.connector = connector;
        this.server = server;
        this.parley = parley;
        this.timers = timers;
        this.padding = Signals.padding(options.payloadBytes());
    }

    String target() {
        return parley ? "Parley" : "Jetty echo";
    }

    /** Connects and joins every client, with heap readings before, halfway and after; then starts the senders. */
    void join() throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
        for (int i = 0; i < options.clients(); i++) {
            clients.add(new SimulatedClient(i, String.format("bench-%05d", i / options.roomSize()), this, parley));
        }
        tasks.add(timers.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            clients.forEach(c -> c.pingIfSilent(now, PING_SILENCE_NANOS));
        }, 1, 1, TimeUnit.SECONDS));

        empty = server.stats();
        int half = options.clients() / 2;
        joinNanos = joinAll(uri, 0, half);
        halfJoined = server.stats();
        joinNanos += joinAll(uri, half, options.clients());
        joinFailures = (int) clients.stream().filter(c -> !isJoined(c)).count();
        int want = parley ? options.roomSize() - 1 : 1;
        drain(() -> clients.stream().allMatch(c -> c.peerCount() >= want || !isJoined(c)));
        log("%s: %d joined in %.1f s (%d failed)", target(), options.clients() - joinFailures, joinNanos / 1e9,
                joinFailures);
        Thread.sleep(1000);
        idle = server.stats();
        log("%s: server heap %d MiB empty, %d MiB with %d joined; %d WebSockets open", target(),
                empty.heapBytes() >> 20, idle.heapBytes() >> 20, options.clients(), idle.connections());

        long period = Math.round(1e9 / options.rate());
        for (SimulatedClient c : clients) {
            tasks.add(timers.scheduleAtFixedRate(() -> {
                if (sending) {
                    c.sendSignal(padding);
                }
            }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.NANOSECONDS));
        }
    }

    /** Steady load for {@code seconds}; recorded when {@code measure}. Waits for the slice's signals to arrive. */
    void slice(double seconds, boolean measure) throws InterruptedException {
        ServerHandle.Cpu server0 = server.cpu();
        long client0 = ServerProcess.cpuNanos();
        long machine0 = MachineCpu.busyNanos();
        long from = System.nanoTime();
        long until = from + Math.round(seconds * 1e9);
        if (measure) {
            measured.add(new long[] {from, until});
        }
        sending = true;
        sleepUntil(until);
        sending = false;
        long to = System.nanoTime();
        ServerHandle.Cpu server1 = server.cpu();
        long client1 = ServerProcess.cpuNanos();
        long machine1 = MachineCpu.busyNanos();
        if (measure) {
            serverCpuNanos += server1.cpuNanos() - server0.cpuNanos();
            serverWallNanos += server1.atNanos() - server0.atNanos();
            clientCpuNanos += client1 - client0;
            machineBusyNanos = machine0 < 0 || machineBusyNanos < 0 ? -1 : machineBusyNanos + machine1 - machine0;
            wallNanos += to - from;
        }
        drain(() -> steadyReceived.sum() >= steadySent.sum());
    }

    /** Closed loop: each client keeps {@code window} signals in flight; measures the delivered rate. */
    void saturate() throws InterruptedException {
        long start = System.nanoTime();
        saturateFrom = start + SATURATION_LEAD_IN_NANOS;
        saturateUntil = saturateFrom + TimeUnit.SECONDS.toNanos(options.saturationSeconds());
        saturating = true;
        log("%s: saturation, %d signals in flight per client for %d s", target(), options.window(),
                options.saturationSeconds());
        for (int w = 0; w < options.window(); w++) {
            clients.forEach(c -> c.sendSignal(padding));
        }
        sleepUntil(saturateFrom);
        ServerHandle.Cpu cpu0 = server.cpu();
        sleepUntil(saturateUntil);
        ServerHandle.Cpu cpu1 = server.cpu();
        saturating = false;
        saturatedPerSecond = saturatedReceived.sum() / ((saturateUntil - saturateFrom) / 1e9);
        saturatedServerCores = cpu1.coresSince(cpu0);
        drain(() -> false); // let the windows empty before anything else runs
    }

    Result result() {
        int n = options.clients();
        int secondHalf = n - n / 2;
        long received = steadyReceived.sum();
        double other = machineBusyNanos < 0 ? Double.NaN
                : Math.max(0, machineBusyNanos - serverCpuNanos - clientCpuNanos) / (double) wallNanos;
        return new Result(target(), n, join.summary(), joinNanos / 1e9, joinFailures,
                (idle.heapBytes() - halfJoined.heapBytes()) / (double) secondHalf,
                (idle.heapBytes() - empty.heapBytes()) / (double) n,
                (idle.directBytes() - empty.directBytes()) / (double) n,
                steady.summary(), steadySent.sum(), received, wallNanos / 1e9,
                serverCpuNanos / 1e6 / Math.max(1, received / 1000.0),
                serverCpuNanos / (double) Math.max(1, serverWallNanos), clientCpuNanos / (double) Math.max(1, wallNanos),
                other, saturated.summary(), saturatedPerSecond, saturatedServerCores, errors.get(),
                unexpectedCloses.get());
    }

    @Override
    public void close() {
        tasks.forEach(t -> t.cancel(false));
        clients.forEach(SimulatedClient::close);
    }

    /** Connects clients [from, to) with at most connectConcurrency handshakes in flight; returns the wall time. */
    private long joinAll(URI uri, int from, int to) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.connectConcurrency());
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            if (!inFlight.tryAcquire(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("joins stalled: none finished in " + JOIN_TIMEOUT_SECONDS + " s");
            }
            SimulatedClient c = clients.get(i);
            c.joined.orTimeout(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((nanos, failure) -> {
                if (failure == null) {
                    join.record(nanos);
                }
                inFlight.release();
            });
            c.connect(connector, uri);
        }
        inFlight.tryAcquire(options.connectConcurrency(), JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return System.nanoTime() - start;
    }

    private static boolean isJoined(SimulatedClient c) {
        try {
            c.joined.get(0, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void drain(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private boolean inMeasuredSlice(long sentNanos) {
        for (long[] window : measured) {
            if (sentNanos >= window[0] && sentNanos < window[1]) {
                return true;
            }
        }
        return false;
    }

    // Called by clients, from any thread.

    void sent(long nanos) {
        if (inMeasuredSlice(nanos)) {
            steadySent.increment();
        }
    }

    void received(int sender, long sentNanos) {
        long now = System.nanoTime();
        if (inMeasuredSlice(sentNanos)) {
            steady.record(now - sentNanos);
            steadyReceived.increment();
        } else if (now >= saturateFrom && now < saturateUntil) {
            saturated.record(now - sentNanos);
            saturatedReceived.increment();
        }
        if (saturating && sender >= 0 && sender < clients.size()) {
            clients.get(sender).sendSignal(padding);
        }
    }

    void error(String text) {
        if (errors.incrementAndGet() <= 5) {
            log("%s: server error: %s", target(), text);
        }
    }

    void unexpectedClose(int index, int code, String reason) {
        if (unexpectedCloses.incrementAndGet() <= 5) {
            log("%s: client %d closed: %d %s", target(), index, code, reason);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
