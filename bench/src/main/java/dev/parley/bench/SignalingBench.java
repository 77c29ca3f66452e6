package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The signaling benchmark: the same load against a bare Jetty WebSocket echo endpoint (the floor) and against
 * Parley, each server in a JVM of its own, the load clients in this one. Both servers run side by side and the
 * measured steady load alternates between them in short slices. Prints a Markdown table and, with
 * {@code --results}, adds it to the Signaling section of that file. Start it with {@code bench/run}.
 */
public final class SignalingBench {

    /** Length of one measured slice: short enough that slices of the two servers interleave finely. */
    static final double SLICE_SECONDS = 2;

    private SignalingBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        LoadRun.Result echo;
        LoadRun.Result parley;
        String clientName;
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-sender");
            t.setDaemon(true);
            return t;
        });
        try (Connector connector = Connector.create(options.client());
             ServerHandle echoServer = new ServerHandle("echo", List.of());
             ServerHandle parleyServer = new ServerHandle("parley", List.of());
             LoadRun echoRun = new LoadRun(options, connector, echoServer, false, timers);
             LoadRun parleyRun = new LoadRun(options, connector, parleyServer, true, timers)) {
            clientName = connector.name();
            LoadRun.log("echo server pid %d, Parley pid %d", echoServer.pid(), parleyServer.pid());
            echoRun.join();
            parleyRun.join();
            LoadRun.log("warm-up: %d s each", options.warmupSeconds());
            echoRun.slice(options.warmupSeconds(), false);
            parleyRun.slice(options.warmupSeconds(), false);
            // Alternate measured slices (echo, Parley, Parley, echo, ...) so that load from other processes on the
            // machine falls on both servers alike.
            int slices = (int) Math.ceil(options.durationSeconds() / SLICE_SECONDS);
            double slice = options.durationSeconds() / (double) slices;
            LoadRun.log("steady load: %d clients x %s signals/s each, %d slices of %.1f s per server, alternating",
                    options.clients(), Report.num(options.rate(), 1), slices, slice);
            for (int i = 0; i < slices; i++) {
                LoadRun first = i % 2 == 0 ? echoRun : parleyRun;
                LoadRun second = i % 2 == 0 ? parleyRun : echoRun;
                first.slice(slice, true);
                second.slice(slice, true);
            }
            if (options.saturationSeconds() > 0) {
                echoRun.saturate();
                parleyRun.saturate();
            }
            echo = echoRun.result();
            parley = parleyRun.result();
        } finally {
            timers.shutdownNow();
        }
        String when = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ');
        String block = Report.block(when, machine(clientName), parameters(options), parley, echo);
        System.out.println();
        System.out.println(block);
        if (options.results() != null) {
            ResultsFile.add(options.results(), block);
            System.err.println("[bench] added to " + options.results());
        }
    }

    private static String machine(String clientName) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %d GiB RAM, %s %s; %s %s; Jetty %s; load client: "
                        + "%s, in one JVM; each server in its own JVM with default options (as `./parley` runs).",
                cpuModel(), Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() >> 30,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), org.eclipse.jetty.util.Jetty.VERSION, clientName);
    }

    private static String parameters(BenchOptions o) {
        String commit = System.getProperty("parley.commit", "unknown");
        return String.format(Locale.ROOT, "Parameters: %,d clients in %,d rooms of %d on 127.0.0.1; each client "
                        + "sends %s signals/s (%,.0f/s offered) with a %d-byte payload pad, %d s warm-up + %d s "
                        + "measured in %.0f s slices alternating between the servers; saturation: %d in flight per client for %d s; commit %s.",
                o.clients(), o.rooms(), o.roomSize(), Report.num(o.rate(), o.rate() % 1 == 0 ? 0 : 1),
                o.clients() * o.rate(), o.payloadBytes(), o.warmupSeconds(), o.durationSeconds(), SLICE_SECONDS, o.window(),
                o.saturationSeconds(), commit);
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
