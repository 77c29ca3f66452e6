package dev.parley.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.parley.sfu.AnswerOutcome;
import dev.parley.sfu.DropReason;
import dev.parley.sfu.Sfu;
import dev.parley.sfu.SfuListener;
import dev.parley.sfu.SfuMetrics;
import dev.parley.sfu.SfuOffer;
import dev.parley.sfu.SfuSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The SFU side of the forwarding benchmark, in a JVM of its own so that its heap and CPU time are the SFU's alone.
 * Starts {@link Sfu} on 127.0.0.1 (any free port), prints {@code @sfu ready <port>}, then takes one command per line on
 * standard input; SDP and reasons travel base64-encoded so that each message is one line:
 * <ul>
 *   <li>{@code connect <room> <id>} → later {@code @sfu offer <room> <id> <version> <sdp> <mid:publisher:source,...>}
 *       (also for every re-offer), or {@code @sfu refused <room> <id> <reason>}</li>
 *   <li>{@code answer <room> <id> <version> <sdp>} → {@code @sfu answered <room> <id> <version> ok|<reason>}</li>
 *   <li>{@code stats} → {@code @sfu stats <loop CPU ns> <loop allocated bytes> <process CPU ns> <nanoTime> <RTP in>
 *       <RTP out> <RTCP in> <RTCP out> <drops> <connected transports> <drops by reason>}</li>
 *   <li>{@code heap} → full GCs, then {@code @sfu heap <lowest heap bytes used>}</li>
 *   <li>{@code quit} or end of input → stops and exits</li>
 * </ul>
 * Offers are written by a printer thread (the SFU calls its listener on the media loop, which must not block).
 */
public final class SfuHost {

    private static final int GC_ROUNDS = 3;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final PrintStream out = System.out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SfuHost() {
    }

    public static void main(String[] args) throws Exception {
        new SfuHost().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Thread printer = Thread.ofPlatform().name("sfu-host-printer").daemon().start(this::print);
        SfuListener listener = (room, participantId, offer) -> lines.add("offer " + room + " " + participantId + " "
                + offer.version() + " " + b64(offer.sdp()) + " " + tracks(offer));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (Sfu sfu = Sfu.start(new SfuSettings(loopback, 0, List.of(loopback), SfuSettings.DEFAULT_MAX_PARTICIPANTS,
                30_000), listener)) {
            long loopThread = loopThreadId();
            lines.add("ready " + sfu.port());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                    String[] f = line.trim().split(" ");
                    switch (f[0]) {
                        case "connect" -> {
                            String room = f[1];
                            String id = f[2];
                            if (!sfu.connect(room, id, Set.of(),
                                    reason -> lines.add("refused " + room + " " + id + " " + b64(reason)))) {
                                lines.add("refused " + room + " " + id + " " + b64("task queue full"));
                            }
                        }
                        case "answer" -> {
                            String room = f[1];
                            String id = f[2];
                            int version = Integer.parseInt(f[3]);
                            sfu.answer(room, id, version, new String(B64D.decode(f[4]), StandardCharsets.UTF_8))
                                    .thenAccept(outcome -> lines.add("answered " + room + " " + id + " " + version
                                            + " " + (outcome instanceof AnswerOutcome.Refused r ? b64(r.detail())
                                                    : "ok")));
                        }
                        case "stats" -> lines.add(stats(sfu.metrics(), loopThread));
                        case "heap" -> lines.add("heap " + heap());
                        default -> lines.add("error " + b64("unknown command " + line));
                    }
                }
            }
        } finally {
            lines.add("");
            printer.join(TimeUnit.SECONDS.toMillis(2));
        }
    }

    private void print() {
        try {
            for (String line = lines.take(); !line.isEmpty(); line = lines.take()) {
                out.println("@sfu " + line);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tracks(SfuOffer offer) {
        if (offer.tracks().isEmpty()) {
            return "-";
        }
        return offer.tracks().stream().map(t -> t.mid() + ":" + t.participant() + ":" + t.source().wire())
                .collect(Collectors.joining(","));
    }

    private static long loopThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sfu-loop"))
                .mapToLong(Thread::threadId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sfu-loop thread"));
    }

    private static String stats(SfuMetrics m, long loopThread) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long drops = 0;
        StringBuilder byReason = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            long n = m.drops(r);
            drops += n;
            if (n > 0) {
                byReason.append(byReason.isEmpty() ? "" : ",").append(r.label()).append('=').append(n);
            }
        }
        return "stats " + threads.getThreadCpuTime(loopThread) + " " + threads.getThreadAllocatedBytes(loopThread) + " "
                + ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() + " "
                + System.nanoTime() + " " + m.rtpPacketsReceived() + " " + m.rtpPacketsSent() + " "
                + m.rtcpPacketsReceived() + " " + m.rtcpPacketsSent() + " " + drops + " " + m.connectedTransports()
                + " " + (byReason.isEmpty() ? "-" : byReason);
    }

    private static long heap() throws InterruptedException {
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return heap;
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
