package dev.parley.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark's parameters, immutable. Defaults follow issue 3: 2,000 clients in rooms of 4, each sending two
 * signals per second (4,000 relayed messages/s in all, far below what either server can do, so latency is measured
 * without queueing), for 20 s after a 5 s warm-up.
 *
 * @param clients            simulated participants (a multiple of {@code roomSize})
 * @param roomSize           participants per room
 * @param rate               signals per second each client sends during the steady phase
 * @param durationSeconds    measured steady phase
 * @param warmupSeconds      unmeasured load before it (lets the JIT compile both servers' hot paths)
 * @param saturationSeconds  closed-loop run for the highest message rate; 0 skips it
 * @param window             signals each client keeps in flight during the saturation run
 * @param payloadBytes       padding in each signal's payload (an ICE candidate line is 100-250 bytes)
 * @param connectConcurrency WebSocket handshakes in flight while joining
 * @param client             client WebSocket implementation: {@code jetty} or {@code jdk}
 * @param results            file the result table is added to, or null to print only
 */
record BenchOptions(int clients, int roomSize, double rate, int durationSeconds, int warmupSeconds,
                    int saturationSeconds, int window, int payloadBytes, int connectConcurrency, String client,
                    Path results) {

    static final String USAGE = """
            Usage: bench/run [options]
              --clients N          simulated participants, a multiple of --room-size (default 2000)
              --room-size N        participants per room (default 4)
              --rate R             signals/s each client sends in the steady phase (default 2)
              --duration S         measured steady phase in seconds (default 20)
              --warmup S           unmeasured load before it (default 5)
              --saturation S       closed-loop maximum-throughput run, 0 to skip (default 5)
              --window N           signals in flight per client in that run (default 8)
              --payload-bytes N    padding per signal payload (default 200)
              --connect-concurrency N  handshakes in flight while joining (default 64)
              --client jetty|jdk   client WebSocket implementation (default jetty)
              --results FILE       add the table to FILE's "Signaling" section (bench/run: docs/benchmarks.md)
              --no-results         print only
            """;

    static BenchOptions defaults() {
        return new BenchOptions(2000, 4, 2, 20, 5, 5, 8, 200, 64, "jetty", null);
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-results")) {
                o = o.withResults(null);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + name);
            }
            String value = args[++i];
            o = switch (name) {
                case "--clients" -> new BenchOptions(positive(name, value), o.roomSize, o.rate, o.durationSeconds,
                        o.warmupSeconds, o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency, o.client,
                        o.results);
                case "--room-size" -> new BenchOptions(o.clients, positive(name, value), o.rate, o.durationSeconds,
                        o.warmupSeconds, o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency, o.client,
                        o.results);
                case "--rate" -> new BenchOptions(o.clients, o.roomSize, positiveDouble(name, value), o.durationSeconds,
                        o.warmupSeconds, o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency, o.client,
                        o.results);
                case "--duration" -> new BenchOptions(o.clients, o.roomSize, o.rate, positive(name, value),
                        o.warmupSeconds, o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency, o.client,
                        o.results);
                case "--warmup" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds,
                        nonNegative(name, value), o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency,
                        o.client, o.results);
                case "--saturation" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds,
                        o.warmupSeconds, nonNegative(name, value), o.window, o.payloadBytes, o.connectConcurrency,
                        o.client, o.results);
                case "--window" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds, o.warmupSeconds,
                        o.saturationSeconds, positive(name, value), o.payloadBytes, o.connectConcurrency, o.client,
                        o.results);
                case "--payload-bytes" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds,
                        o.warmupSeconds, o.saturationSeconds, o.window, nonNegative(name, value),
                        o.connectConcurrency, o.client, o.results);
                case "--connect-concurrency" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds,
                        o.warmupSeconds, o.saturationSeconds, o.window, o.payloadBytes, positive(name, value),
                        o.client, o.results);
                case "--client" -> new BenchOptions(o.clients, o.roomSize, o.rate, o.durationSeconds, o.warmupSeconds,
                        o.saturationSeconds, o.window, o.payloadBytes, o.connectConcurrency, client(value), o.results);
                case "--results" -> o.withResults(Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option " + name);
            };
        }
        if (o.roomSize < 2 || o.clients % o.roomSize != 0) {
            throw new IllegalArgumentException("--clients must be a multiple of --room-size, which must be at least 2");
        }
        if (o.payloadBytes > 32 * 1024) {
            throw new IllegalArgumentException("--payload-bytes must stay well under the 64 KiB frame limit");
        }
        return o;
    }

    BenchOptions withResults(Path file) {
        return new BenchOptions(clients, roomSize, rate, durationSeconds, warmupSeconds, saturationSeconds, window,
                payloadBytes, connectConcurrency, client, file);
    }

    int rooms() {
        return clients / roomSize;
    }

    private static String client(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("jetty") && !v.equals("jdk")) {
            throw new IllegalArgumentException("--client is jetty or jdk");
        }
        return v;
    }

    private static int positive(String name, String value) {
        int n = nonNegative(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
    }

    private static int nonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
    }

    private static double positiveDouble(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || d > 1000) {
                throw new IllegalArgumentException(name + " must be in (0, 1000]");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + value);
        }
    }
}
