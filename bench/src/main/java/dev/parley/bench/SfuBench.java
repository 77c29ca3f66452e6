package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The SFU forwarding benchmark: Parley's SFU in a JVM of its own ({@link SfuHost}), synthetic participants in this one
 * ({@link SfuLoadClient}: ICE, DTLS, SRTP as a browser does them), a paced phase at a realistic video rate and
 * saturation steps above it. Prints a Markdown block and, with {@code --results}, adds it to the "SFU forwarding"
 * section of that file. Start it with {@code bench/sfu}.
 */
public final class SfuBench {

    static final String HEADING = "## SFU forwarding";
    /** Saturation steps: warm-up before each window (the paced phase has already compiled the loop). */
    static final double STEP_WARMUP_SECONDS = 2;

    private SfuBench() {
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
        if (List.of(args).contains("--help")) {
            System.out.print(SfuBenchOptions.USAGE);
            return;
        }
        SfuBenchOptions options;
        try {
            options = SfuBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SfuBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<SfuLoadRun.Result> results = new ArrayList<>();
        long heapAfter;
        SfuLoadRun.Setup setup;
        try (SfuLoadRun run = new SfuLoadRun(options)) {
            SfuLoadRun.log("SFU pid %d on 127.0.0.1:%d; %d clients in %s of %s + %s", run.sfuPid(), run.sfuPort(),
                    run.clientCount(), plural(options.rooms(), "room"), plural(options.publishers(), "publisher"),
                    plural(options.subscribers(), "subscriber"));
            run.connectAll();
            SfuLoadRun.log("paced: %s packets/s per publisher, %d s warm-up + %d s measured", num(options.rate(), 0),
                    options.warmupSeconds(), options.durationSeconds());
            results.add(log(run.phase("paced", options.rate(), options.warmupSeconds(), options.durationSeconds())));
            for (double rate : options.saturationRates()) {
                SfuLoadRun.log("saturation step: %s packets/s per publisher", num(rate, 0));
                results.add(log(run.phase("step", rate, Math.min(STEP_WARMUP_SECONDS, options.warmupSeconds()),
                        options.saturationSeconds())));
            }
            run.idle();
            Thread.sleep(1_000);
            heapAfter = run.heap();
            setup = run.setup();
        }
        String when = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ');
        String block = block(when, options, setup, heapAfter, results);
        System.out.println();
        System.out.println(block);
        if (options.results() != null) {
            ResultsFile.add(options.results(), HEADING, "Measured with `bench/sfu`; each run adds a block below.",
                    block);
            System.err.println("[sfu-bench] added to " + options.results());
        }
    }

    private static SfuLoadRun.Result log(SfuLoadRun.Result r) {
        SfuLoadRun.log("  in %s/s, out %s/s (delivered %s/s), loss %s, latency p50 %s ms p99 %s ms, loop %.2f cores "
                        + "= %s out/s per core; load %.1f",
                num(r.rtpIn() / r.sfuSeconds(), 0), num(r.rtpOut() / r.sfuSeconds(), 0),
                num(r.received() / r.windowSeconds(), 0), loss(r), ms(r.latency().p50()),
                ms(r.latency().p99()), r.loopCores(), num(r.outPerLoopCore(), 0), r.loadAfter());
        return r;
    }

    static String block(String when, SfuBenchOptions o, SfuLoadRun.Setup setup, long heapAfter,
            List<SfuLoadRun.Result> results) {
        StringBuilder s = new StringBuilder();
        int perRoom = o.publishers() + o.subscribers();
        s.append("### ").append(when).append(", ").append(plural(o.rooms(), "room")).append(" of ")
                .append(plural(o.publishers(), "publisher")).append(" + ")
                .append(plural(o.subscribers(), "subscriber")).append("\n\n");
        s.append(machine()).append("\n\n");
        String commit = System.getProperty("parley.commit", "unknown");
        s.append(String.format(Locale.ROOT, "Parameters: %,d connections (%s × %d) on 127.0.0.1; each "
                        + "publisher's camera goes to the %d others in its room; %,d-byte RTP packets (VP8 PT 96, "
                        + "one-byte `sdes:mid` extension), SRTP profile %s (as negotiated), evenly paced; paced phase "
                        + "%s packets/s per publisher, %d s warm-up + %d s measured; %s; receivers decrypt and check "
                        + "%s; commit %s.",
                o.clients(), plural(o.rooms(), "room"), perRoom, perRoom - 1, SfuLoadClient.RTP_BYTES,
                setup.srtpProfiles(), num(o.rate(), 0), o.warmupSeconds(), o.durationSeconds(),
                o.saturationRates().isEmpty() ? "no saturation steps" : String.format(Locale.ROOT,
                        "saturation steps %s packets/s per publisher, %.0f s warm-up + %d s each",
                        String.join(", ", o.saturationRates().stream().map(r -> num(r, 0)).toList()),
                        Math.min(STEP_WARMUP_SECONDS, o.warmupSeconds()), o.saturationSeconds()),
                o.verifyEvery() == 0 ? "no packet" : "1 packet in " + o.verifyEvery(), commit)).append("\n\n");
        s.append(String.format(Locale.ROOT, "Setup: all %d connected (offer, answer, ICE, DTLS, every re-offer "
                        + "answered; %d connecting at a time) in %.1f s; DTLS handshake p50 %d ms, max %d ms. SFU heap "
                        + "after full GCs: %.1f MiB empty, %.1f MiB with every connection up (%.1f KiB per "
                        + "connection), %.1f MiB after the run (NACK caches filled: %.1f KiB per connection).",
                o.clients(), o.connectConcurrency(), setup.millis() / 1000.0, setup.handshakeP50(),
                setup.handshakeMax(),
                setup.heapEmpty() / 1048576.0, setup.heapConnected() / 1048576.0,
                (setup.heapConnected() - setup.heapEmpty()) / 1024.0 / o.clients(), heapAfter / 1048576.0,
                (heapAfter - setup.heapEmpty()) / 1024.0 / o.clients())).append("\n\n");
        s.append("|  |");
        for (SfuLoadRun.Result r : results) {
            s.append(' ').append(r.phase().name.equals("paced") ? "paced" : "step").append(' ')
                    .append(num(r.phase().ratePerPublisher, 0)).append("/s |");
        }
        s.append(" target |\n| --- |");
        s.append(" ---: |".repeat(results.size())).append(" --- |\n");
        row(s, results, "sent by publishers, packets/s (offered)", r -> num(r.sentInWindow() / r.windowSeconds(), 0)
                + " (" + num(r.phase().ratePerPublisher * o.rooms() * o.publishers(), 0) + ")", "");
        row(s, results, "RTP in, packets/s (SFU counter)", r -> num(r.rtpIn() / r.sfuSeconds(), 0), "");
        row(s, results, "RTP out, packets/s (SFU counter)", r -> num(r.rtpOut() / r.sfuSeconds(), 0), "");
        row(s, results, "delivered to subscribers, packets/s", r -> num(r.received() / r.windowSeconds(), 0), "");
        row(s, results, "loss (sent × subscribers − received)", SfuBench::loss, "0 below saturation");
        row(s, results, "… datagrams dropped at the SFU socket / client sockets / by the SFU",
                r -> num(r.dropsAtSfuSocket(), 0) + " / " + num(r.dropsAtClientSockets(), 0) + " / "
                        + num(r.sfuDrops(), 0), "");
        row(s, results, "added latency p50 / p99 (ms)", r -> ms(r.latency().p50()) + " / "
                + ms(r.latency().p99()), "p99 < 5");
        row(s, results, "added latency p99.9 / max (ms)", r -> ms(r.latency().p999()) + " / "
                + ms(r.latency().max()), "");
        row(s, results, "SFU media loop CPU (cores)", r -> num(r.loopCores(), 2), "");
        row(s, results, "**outbound packets/s per loop core**", r -> "**" + num(r.outPerLoopCore(), 0) + "**",
                "≥ 100,000");
        row(s, results, "SFU process CPU (cores)", r -> num(r.sfuProcessCores(), 2), "");
        row(s, results, "loop allocation per packet out (bytes)", r -> num(r.allocatedPerPacket(), 1), "");
        row(s, results, "load clients' CPU (cores)", r -> num(r.clientCores(), 2), "");
        row(s, results, "other processes' CPU (cores)", r -> num(r.otherCores(), 2), "");
        row(s, results, "load average (1 min), start → end", r -> num(r.loadBefore(), 1) + " → "
                + num(r.loadAfter(), 1), "");
        row(s, results, "packets checked / failed (decrypt + content)", r -> num(r.phase().verified, 0) + " / "
                + num(r.phase().verifyFailed, 0), "");
        row(s, results, "publisher sends behind schedule / failed", r -> num(r.pacerSkips(), 0) + " / "
                + num(r.sendFailures(), 0), "");
        return s.toString();
    }

    private static void row(StringBuilder s, List<SfuLoadRun.Result> results, String label,
            Function<SfuLoadRun.Result, String> cell, String target) {
        s.append("| ").append(label).append(" |");
        for (SfuLoadRun.Result r : results) {
            s.append(' ').append(cell.apply(r)).append(" |");
        }
        s.append(' ').append(target).append(" |\n");
    }

    static String loss(SfuLoadRun.Result r) {
        long lost = r.expected() - r.received();
        double pct = r.expected() == 0 ? 0 : 100.0 * lost / r.expected();
        return num(lost, 0) + " of " + num(r.expected(), 0) + " (" + num(pct, pct != 0 && Math.abs(pct) < 0.1 ? 3 : 1)
                + " %)";
    }

    static String plural(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return num(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0);
    }

    static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %d GiB RAM, %s %s; %s %s; SFU in its own JVM "
                        + "(default options), load clients in another, in a network namespace of their own "
                        + "(loopback only).", cpuModel(), Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() >> 30, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
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
