package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Datagrams the kernel dropped per UDP socket (receive buffer full), from Linux's {@code /proc/net/udp} and
 * {@code /proc/net/udp6}: the last column of each socket's line. Read in the benchmark's own network namespace, these
 * are the benchmark's sockets only, so loss can be placed: at the SFU's socket or at the clients'. Stateless.
 */
final class UdpDrops {

    private UdpDrops() {
    }

    /** Drops by local port, summed over IPv4 and IPv6 sockets; empty where the files are not readable. */
    static Map<Integer, Long> byPort() {
        Map<Integer, Long> drops = new HashMap<>();
        for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                parse(Files.readAllLines(Path.of(file)), drops);
            } catch (IOException | RuntimeException e) {
                // Not Linux, or no IPv6: count what there is.
            }
        }
        return drops;
    }

    /** Adds each socket line's drops to {@code into} by local port; the header line is skipped. */
    static void parse(List<String> lines, Map<Integer, Long> into) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 13 || !f[0].endsWith(":")) {
                continue;
            }
            String local = f[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            into.merge(port, Long.parseLong(f[f.length - 1]), Long::sum);
        }
    }

    /** Drops at {@code port} in {@code after} minus those in {@code before}. */
    static long at(Map<Integer, Long> before, Map<Integer, Long> after, int port) {
        return after.getOrDefault(port, 0L) - before.getOrDefault(port, 0L);
    }

    /** Drops at every port but {@code port}, {@code after} minus {@code before}. */
    static long elsewhere(Map<Integer, Long> before, Map<Integer, Long> after, int port) {
        long sum = 0;
        for (Map.Entry<Integer, Long> e : after.entrySet()) {
            if (e.getKey() != port) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }
}
