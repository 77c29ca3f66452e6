package dev.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's view of a {@link ServerProcess}: starts the child JVM with this JVM's class path and talks to it
 * over its standard input and output. Not thread-safe: the benchmark's main thread drives it.
 */
final class ServerHandle implements AutoCloseable {

    private static final long REPLY_TIMEOUT_SECONDS = 60;

    private final String mode;
    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final int port;

    /** The server's GC'd heap, direct buffers, CPU time and open WebSockets at one moment. */
    record Stats(long heapBytes, long directBytes, long cpuNanos, int connections) {
    }

    ServerHandle(String mode, List<String> jvmOptions) throws IOException, InterruptedException {
        this.mode = mode;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), mode));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "bench-" + mode + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = reply("ready");
        port = Integer.parseInt(ready.trim());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The server's CPU time and the moment it was read (its {@code System.nanoTime()}, comparable to ours). */
    record Cpu(long cpuNanos, long atNanos) {
        /** CPU time from {@code earlier} to this reading, in cores (1.0 = one core busy all the time). */
        double coresSince(Cpu earlier) {
            return (cpuNanos - earlier.cpuNanos) / (double) Math.max(1, atNanos - earlier.atNanos);
        }
    }

    Cpu cpu() throws InterruptedException {
        commands.println("cpu");
        String[] f = reply("cpu").trim().split(" ");
        return new Cpu(Long.parseLong(f[0]), Long.parseLong(f[1]));
    }

    Stats stats() throws InterruptedException {
        commands.println("stats");
        String[] f = reply("stats").trim().split(" ");
        return new Stats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
    }

    private String reply(String kind) throws InterruptedException {
        String line = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException(mode + " server did not answer '" + kind + "' within "
                    + REPLY_TIMEOUT_SECONDS + " s (alive: " + process.isAlive() + ")");
        }
        if (!line.startsWith(kind + " ")) {
            throw new IllegalStateException(mode + " server answered '" + line + "' to '" + kind + "'");
        }
        return line.substring(kind.length() + 1);
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("@bench ")) {
                    replies.add(line.substring("@bench ".length()));
                } else {
                    System.err.println("[" + mode + "] " + line);
                }
            }
        } catch (IOException e) {
            // The process ended; a pending reply() times out with a clear message.
        }
    }

    @Override
    public void close() {
        commands.println("quit");
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
