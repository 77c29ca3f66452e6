package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TURN benchmark: coturn's {@code turnserver} and Parley's TURN server side by side on 127.0.0.1, both running
 * for the whole run, measured one after the other under the same loads: coturn's {@code turnutils_uclient} at a
 * fixed rate and as fast as it can, through channels to coturn's {@code turnutils_peer} echo, and an allocation
 * load of our own. Server CPU and RSS come from {@code /proc}. Prints a Markdown table and, with
 * {@code --results}, adds it to the TURN section of that file. Start it with {@code bench/turn}, which runs it in a
 * loopback-only network namespace.
 */
public final class TurnBench {

    static final int COTURN_PORT = 3478;
    static final int PARLEY_PORT = 3479;
    static final int PEER_PORT = 3480;

    private TurnBench() {
    }

    /** One measured load against one server, with what the server and the machine spent meanwhile. */
    record Phase<T>(T result, double seconds, double serverCpuSeconds, long peakRssBytes, double loadAverage,
                    double machineBusyCores) {
        double serverCores() {
            return seconds > 0 ? serverCpuSeconds / seconds : 0;
        }
    }

    /** One round of one server: fixed load, maximum-rate load (or null), allocation load (or null). */
    record ServerRound(String server, int round, Phase<UclientOutput> fixed, Phase<UclientOutput> max,
                       Phase<AllocationLoad.Result> allocations) {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            System.err.println("[bench] " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        TurnBenchOptions options;
        try {
            options = TurnBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(TurnBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (List.of(args).contains("--help")) {
            System.out.print(TurnBenchOptions.USAGE);
            return;
        }
        if (!loopbackOnly()) {
            throw new IllegalStateException("this machine has network interfaces other than loopback; run the "
                    + "benchmark through bench/turn, which starts it in a loopback-only network namespace");
        }
        String secret = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
        Path dir = Files.createTempDirectory("parley-turn-bench");
        List<ServerRound> rounds = new ArrayList<>();
        try (TurnServerProcess peer = TurnServerProcess.echoPeer(PEER_PORT, dir);
             TurnServerProcess coturn = TurnServerProcess.coturn(COTURN_PORT, 49152, 49999, secret, dir);
             TurnServerProcess parley = TurnServerProcess.parley(options.parleyJar(), PARLEY_PORT, 50000, 59999,
                     secret, dir)) {
            peer.awaitStarted();
            coturn.awaitStun(10_000);
            parley.awaitStun(60_000);
            log("coturn pid %d on udp %d, Parley pid %d on udp %d, echo peer on %d; files in %s", coturn.pid(),
                    coturn.port(), parley.pid(), parley.port(), PEER_PORT, dir);
            for (TurnServerProcess server : List.of(coturn, parley)) {
                log("warm-up of %s: 10 sessions x 2,000 messages", server.name());
                uclient(options, server, secret, 10, 2_000, options.intervalMs(), dir);
            }
            for (int round = 1; round <= options.rounds(); round++) {
                List<TurnServerProcess> order = round % 2 == 1 ? List.of(coturn, parley) : List.of(parley, coturn);
                for (TurnServerProcess server : order) {
                    rounds.add(round(options, server, round, secret, dir));
                }
            }
        } finally {
            Files.deleteIfExists(dir.resolve("parley.jar")); // the 20 MB copy; the logs stay for a look
        }
        String when = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ');
        String block = TurnReport.block(when, machine(), parameters(options), rounds);
        System.out.println();
        System.out.println(block);
        if (options.results() != null) {
            ResultsFile.add(options.results(), TurnReport.HEADING, TurnReport.INTRO, block);
            System.err.println("[bench] added to " + options.results());
        }
    }

    private static ServerRound round(TurnBenchOptions o, TurnServerProcess server, int round, String secret, Path dir)
            throws Exception {
        log("round %d, %s: fixed load, %d sessions x %,d messages of %d bytes every %d ms", round, server.name(),
                o.clients(), o.messages(), o.size(), o.intervalMs());
        Phase<UclientOutput> fixed = measure(server, () -> uclient(o, server, secret, o.clients(), o.messages(),
                o.intervalMs(), dir));
        log("  echoed %,.0f msg/s on the plateau, lost %.2f %%", fixed.result().plateau().receivedPerSecond(),
                fixed.result().lossPercent());
        Phase<UclientOutput> max = null;
        if (o.maxClients() > 0) {
            settle();
            log("round %d, %s: maximum rate, %d sessions x %,d messages", round, server.name(), o.maxClients(),
                    o.maxMessages());
            max = measure(server, () -> uclient(o, server, secret, o.maxClients(), o.maxMessages(), 0, dir));
            log("  echoed %,.0f msg/s on the plateau, lost %.2f %%", max.result().plateau().receivedPerSecond(),
                    max.result().lossPercent());
        }
        Phase<AllocationLoad.Result> allocations = null;
        if (o.allocations() > 0) {
            settle();
            allocations = measure(server, () -> AllocationLoad.run(server.address(), secret, o.allocations(),
                    o.allocationClients(), Duration.ofSeconds(60)));
            log("  %,.0f allocations/s, %d failed", allocations.result().perSecond(), allocations.result().failures());
        }
        settle();
        return new ServerRound(server.name(), round, fixed, max, allocations);
    }

    /** A pause between loads, so that the previous load's tail is not counted in the next. */
    private static void settle() throws InterruptedException {
        Thread.sleep(2_000);
    }

    private static <T> Phase<T> measure(TurnServerProcess server, Callable<T> load) throws Exception {
        server.ensureAlive();
        double loadAverage = ProcStats.loadAverage();
        AtomicLong peakRss = new AtomicLong(ProcStats.rssBytes(server.pid()));
        Thread sampler = Thread.ofPlatform().daemon().name("bench-rss").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(ProcStats.rssBytes(server.pid()), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long cpu0 = ProcStats.cpuNanos(server.pid());
        long machine0 = MachineCpu.busyNanos();
        long t0 = System.nanoTime();
        T result;
        try {
            result = load.call();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        long t1 = System.nanoTime();
        long cpu1 = ProcStats.cpuNanos(server.pid());
        long machine1 = MachineCpu.busyNanos();
        server.ensureAlive();
        double seconds = (t1 - t0) / 1e9;
        return new Phase<>(result, seconds, (cpu1 - cpu0) / 1e9, peakRss.get(), loadAverage,
                machine0 < 0 ? Double.NaN : (machine1 - machine0) / 1e9 / seconds);
    }

    /** Runs turnutils_uclient against {@code server} through channels over UDP, to the echo peer; bounded in time. */
    private static UclientOutput uclient(TurnBenchOptions o, TurnServerProcess server, String secret, int sessions,
            int messages, int intervalMs, Path dir) throws IOException, InterruptedException {
        List<String> command = List.of("turnutils_uclient", "-c", "-W", secret, "-u", "bench", "-p",
                Integer.toString(server.port()), "-e", "127.0.0.1", "-r", Integer.toString(PEER_PORT), "-m",
                Integer.toString(sessions), "-n", Integer.toString(messages), "-l", Integer.toString(o.size()), "-z",
                Integer.toString(intervalMs), "127.0.0.1");
        Path out = dir.resolve("uclient.out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // uclient connects its sessions 0.1 s apart, starts each 1-6 s late, and waits 10 s after the last
        // message when anything is missing; beyond that the load takes messages × interval.
        long limit = 60 + sessions / 10 + (long) messages * Math.max(intervalMs, 1) / 1000 * 3;
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("turnutils_uclient against " + server.name() + " still running after " + limit
                    + " s; the server's output ends with:\n" + server.logTail());
        }
        return UclientOutput.parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static boolean loopbackOnly() throws SocketException {
        return NetworkInterface.networkInterfaces().allMatch(i -> {
            try {
                return i.isLoopback() || !i.isUp();
            } catch (SocketException e) {
                return false;
            }
        });
    }

    static void log(String format, Object... args) {
        System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "Machine: %s, %d cores shared with other builds and browser test suites "
                        + "(load average in the table), %d GiB RAM, %s %s; %s %s; coturn %s; client, echo peer and "
                        + "both servers on the same cores, in a loopback-only network namespace. Parley runs its "
                        + "server jar with default JVM options, as `./parley` does.",
                cpuModel(), Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() >> 30,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), coturnVersion());
    }

    private static String parameters(TurnBenchOptions o) {
        String commit = System.getProperty("parley.commit", "unknown");
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Parameters: %d round(s), servers in "
                        + "alternating order; fixed load: `turnutils_uclient -c -m %d -n %d -l %d -z %d` (%,.0f "
                        + "messages/s offered once every session is sending)", o.rounds(), o.clients(), o.messages(),
                o.size(), o.intervalMs(), o.offeredPerSecond()));
        if (o.maxClients() > 0) {
            s.append(String.format(Locale.ROOT, "; maximum rate: `-m %d -n %d -l %d -z 0`", o.maxClients(),
                    o.maxMessages(), o.size()));
        }
        if (o.allocations() > 0) {
            s.append(String.format(Locale.ROOT, "; allocation load: %d allocations by %d clients in parallel",
                    o.allocations(), o.allocationClients()));
        }
        return s.append("; commit ").append(commit).append('.').toString();
    }

    private static String coturnVersion() {
        try {
            Process p = new ProcessBuilder("turnserver", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return v.isEmpty() || v.contains("\n") ? "(version unknown)" : v;
        } catch (IOException | InterruptedException e) {
            return "(version unknown)";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
