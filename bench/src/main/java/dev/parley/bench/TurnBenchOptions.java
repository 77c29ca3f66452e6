package dev.parley.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The TURN benchmark's parameters, immutable. The default fixed load is the one TESTING.md records coturn at
 * (40 clients × 1,000 messages/s of 1,000 bytes over channels, UDP: 40,000 messages/s offered).
 *
 * @param rounds            rounds; each measures both servers, the order alternating between rounds
 * @param clients           uclient sessions in the fixed load
 * @param messages          messages per session in the fixed load
 * @param size              message size in bytes
 * @param intervalMs        ms between messages of one session in the fixed load
 * @param maxClients        sessions in the maximum-rate load (uclient {@code -z 0}); 0 skips it
 * @param maxMessages       messages per session there
 * @param allocations       allocations made (and deleted) in the allocation-rate load; 0 skips it
 * @param allocationClients clients making them in parallel
 * @param parleyJar         the server jar to run
 * @param results           file whose "TURN" section gets the table, or null to print only
 */
record TurnBenchOptions(int rounds, int clients, int messages, int size, int intervalMs, int maxClients,
                        int maxMessages, int allocations, int allocationClients, Path parleyJar, Path results) {

    static final String USAGE = """
            Usage: bench/turn [options]
              --rounds N              rounds, each measuring both servers (default 2)
              --clients N             uclient sessions in the fixed load (default 40)
              --messages N            messages per session in the fixed load (default 10000)
              --size BYTES            message size (default 1000)
              --interval-ms N         ms between a session's messages in the fixed load (default 1)
              --max-clients N         sessions in the maximum-rate load, 0 to skip (default 20)
              --max-messages N        messages per session there (default 10000)
              --allocations N         allocations in the allocation-rate load, 0 to skip (default 400)
              --allocation-clients N  clients allocating in parallel (default 4)
              --parley-jar FILE       server jar (default server/target/parley.jar)
              --results FILE          add the table to FILE's "TURN" section (bench/turn: docs/benchmarks.md)
              --no-results            print only
            """;

    static TurnBenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        Path results = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-results")) {
                results = null;
                values.put(name, "");
                continue;
            }
            if (name.equals("--help")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + name);
            }
            String value = args[++i];
            if (name.equals("--results")) {
                results = values.containsKey("--no-results") ? null : Path.of(value);
                continue;
            }
            values.put(name, value);
        }
        TurnBenchOptions o = new TurnBenchOptions(
                number(values, "--rounds", 2, 1), number(values, "--clients", 40, 1),
                number(values, "--messages", 10_000, 1), number(values, "--size", 1000, 1),
                number(values, "--interval-ms", 1, 1), number(values, "--max-clients", 20, 0),
                number(values, "--max-messages", 10_000, 1), number(values, "--allocations", 400, 0),
                number(values, "--allocation-clients", 4, 1),
                Path.of(values.getOrDefault("--parley-jar", "server/target/parley.jar")), results);
        for (String name : values.keySet()) {
            if (!USAGE.contains(name + " ")) {
                throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (o.size > 60_000) {
            throw new IllegalArgumentException("--size must fit a UDP datagram with its TURN framing");
        }
        return o;
    }

    /** Offered messages/s of the fixed load, once every session is sending. */
    double offeredPerSecond() {
        return clients * 1000.0 / intervalMs;
    }

    private static int number(Map<String, String> values, String name, int fallback, int min) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
        if (n < min) {
            throw new IllegalArgumentException(name + " must be at least " + min);
        }
        return n;
    }
}
