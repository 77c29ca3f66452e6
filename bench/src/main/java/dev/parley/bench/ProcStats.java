package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from Linux's {@code /proc/<pid>}. Stateless. */
final class ProcStats {

    /** /proc counts CPU time in USER_HZ ticks, 100 per second on every Linux architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private ProcStats() {
    }

    /** User + system CPU time of all the process's threads, in ns; -1 if the process is gone. */
    static long cpuNanos(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime from a {@code /proc/<pid>/stat} line (fields 14 and 15; the name in field 2 may hold spaces). */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident set size in bytes; -1 if the process is gone. */
    static long rssBytes(long pid) {
        try {
            return statusKib(Files.readString(Path.of("/proc/" + pid + "/status")), "VmRSS") * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A {@code kB} field of {@code /proc/<pid>/status}, e.g. VmRSS. */
    static long statusKib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " in /proc status");
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
