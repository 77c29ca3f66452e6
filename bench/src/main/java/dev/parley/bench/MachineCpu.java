package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy, from Linux's {@code /proc/stat}, so a report can show how much of the
 * machine other processes took while the benchmark ran. Stateless.
 */
final class MachineCpu {

    /** /proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private MachineCpu() {
    }

    /** Busy CPU time summed over all cores since boot, in ns; -1 where /proc/stat is not available. */
    static long busyNanos() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            return busyTicks(cpu) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The aggregate "cpu" line's ticks minus idle and iowait (guest time is already inside user and nice). */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line: " + cpuLine);
        }
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        return total - Long.parseLong(f[4]) - (f.length > 5 ? Long.parseLong(f[5]) : 0);
    }
}
