package dev.parley.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.signaling.SignalingConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The server side of the benchmark, in a JVM of its own so that its heap and CPU time are the server's alone. Starts
 * Parley or the echo floor on 127.0.0.1, prints {@code @bench ready <port>}, then answers one command per line on
 * standard input:
 * <ul>
 *   <li>{@code cpu} → {@code @bench cpu <process CPU ns> <System.nanoTime()>} (the clock is the machine's monotonic
 *       clock, the same in every process, so the caller can pair CPU time with the moment it was read)</li>
 *   <li>{@code stats} → full GCs, then {@code @bench stats <heap bytes> <direct bytes> <CPU ns> <connections>}</li>
 *   <li>{@code quit} or end of input → stops and exits</li>
 * </ul>
 * Logs go to standard error, so standard output carries only these lines.
 */
public final class ServerProcess {

    /**
     * Full GCs per heap reading; the lowest reading counts. One System.gc() with G1 is a full collection, but
     * references cleared by it (soft/weak caches, finalizable buffers) are only reclaimed by the next one.
     */
    private static final int GC_ROUNDS = 3;

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("parley") || args[0].equals("echo"))) {
            System.err.println("usage: ServerProcess parley|echo");
            System.exit(2);
        }
        AutoCloseable server;
        int port;
        IntSupplier connections;
        Path dataDir = null;
        if (args[0].equals("parley")) {
            dataDir = Files.createTempDirectory("parley-bench");
            // The rate limit is raised so the saturation run measures the server, not the limiter; the limiter's
            // per-message work is the same at any limit. Liveness keeps its default (clients ping every 5 s).
            SignalingConfig signaling = new SignalingConfig(1_000_000, 1_000_000, 1_000_000,
                    SignalingConfig.DEFAULTS.livenessTimeout());
            ParleyServer parley = ParleyServer.start(ServerConfig.forTests(dataDir).withSignaling(signaling));
            server = parley;
            port = parley.httpPort();
            connections = () -> parley.sessions().size();
        } else {
            EchoServer echo = new EchoServer();
            echo.start();
            server = echo;
            port = echo.port();
            connections = echo::connections;
        }
        System.out.println("@bench ready " + port);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                switch (line.trim()) {
                    case "cpu" -> System.out.println("@bench cpu " + cpuNanos() + " " + System.nanoTime());
                    case "stats" -> System.out.println(stats(connections.getAsInt()));
                    default -> System.out.println("@bench error unknown command " + line);
                }
                System.out.flush();
            }
        } finally {
            server.close();
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
        System.exit(0);
    }

    private static String stats(int connections) throws InterruptedException {
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return "@bench stats " + heap + " " + direct + " " + cpuNanos() + " " + connections;
    }

    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
