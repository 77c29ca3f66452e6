package dev.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's view of an {@link SfuHost}: starts the child JVM with this JVM's class path and talks to it over its
 * standard input and output. Offers, answer results and refusals go to the {@link Events} given, on the reader thread;
 * {@link #stats} and {@link #heap} wait for their reply. Commands may be sent from any thread.
 */
final class SfuHostHandle implements AutoCloseable {

    private static final long REPLY_TIMEOUT_SECONDS = 60;

    /** What the SFU said about one participant; called on the reader thread, in order. */
    interface Events {
        void offer(String room, String id, int version, String sdp, List<OfferedTrack> tracks);

        void answered(String room, String id, int version, String refusal);

        void refused(String room, String id, String reason);
    }

    /** Section {@code mid} of an offer carries {@code publisher}'s {@code source}. */
    record OfferedTrack(String mid, String publisher, String source) {
    }

    /**
     * SFU counters and clocks at one moment: its media loop thread's CPU time and bytes allocated, the process's CPU
     * time, the moment read ({@code System.nanoTime()}, the machine's monotonic clock: comparable to ours).
     */
    record Stats(long loopCpuNanos, long loopAllocatedBytes, long processCpuNanos, long atNanos, long rtpIn,
                 long rtpOut, long rtcpIn, long rtcpOut, long drops, int connected, String dropsByReason) {
    }

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Events events;
    private final int port;

    SfuHostHandle(List<String> jvmOptions, Events events) throws IOException, InterruptedException {
        this.events = events;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SfuHost.class.getName()));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "bench-sfu-stdout");
        reader.setDaemon(true);
        reader.start();
        port = Integer.parseInt(reply("ready").trim());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    void connect(String room, String id) {
        send("connect " + room + " " + id);
    }

    void answer(String room, String id, int version, String sdp) {
        send("answer " + room + " " + id + " " + version + " "
                + Base64.getEncoder().encodeToString(sdp.getBytes(StandardCharsets.UTF_8)));
    }

    synchronized Stats stats() throws InterruptedException {
        send("stats");
        String[] f = reply("stats").trim().split(" ");
        return new Stats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Integer.parseInt(f[9]), f[10]);
    }

    /** The SFU JVM's heap in use after full GCs (the lowest of three readings). */
    synchronized long heap() throws InterruptedException {
        send("heap");
        return Long.parseLong(reply("heap").trim());
    }

    private void send(String line) {
        synchronized (commands) {
            commands.println(line);
        }
    }

    private String reply(String kind) throws InterruptedException {
        String line = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("the SFU did not answer '" + kind + "' within " + REPLY_TIMEOUT_SECONDS
                    + " s (alive: " + process.isAlive() + ")");
        }
        if (!line.startsWith(kind + " ")) {
            throw new IllegalStateException("the SFU answered '" + line + "' to '" + kind + "'");
        }
        return line.substring(kind.length() + 1);
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("@sfu ")) {
                    System.err.println("[sfu] " + line);
                    continue;
                }
                String[] f = line.substring("@sfu ".length()).split(" ");
                try {
                    switch (f[0]) {
                        case "offer" -> events.offer(f[1], f[2], Integer.parseInt(f[3]), text(f[4]), tracks(f[5]));
                        case "answered" -> events.answered(f[1], f[2], Integer.parseInt(f[3]),
                                f[4].equals("ok") ? null : text(f[4]));
                        case "refused" -> events.refused(f[1], f[2], text(f[3]));
                        case "error" -> System.err.println("[sfu] error: " + text(f[1]));
                        default -> replies.add(line.substring("@sfu ".length()));
                    }
                } catch (RuntimeException e) {
                    System.err.println("[sfu] could not handle: " + line);
                    e.printStackTrace();
                }
            }
        } catch (IOException e) {
            // The process ended; a pending reply() times out with a clear message.
        }
    }

    private static String text(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    private static List<OfferedTrack> tracks(String field) {
        List<OfferedTrack> tracks = new ArrayList<>();
        if (field.equals("-")) {
            return tracks;
        }
        for (String t : field.split(",")) {
            String[] p = t.split(":");
            tracks.add(new OfferedTrack(p[0], p[1], p[2]));
        }
        return tracks;
    }

    @Override
    public void close() {
        send("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
