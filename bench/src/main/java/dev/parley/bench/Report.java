package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The result table in Markdown: one row per figure, Parley beside the echo floor and the target. Stateless. */
final class Report {

    /** Issue 3's targets. */
    static final double TARGET_P99_MILLIS = 5;
    static final double TARGET_HEAP_KIB = 50;

    private Report() {
    }

    /** The Markdown block for one benchmark run: heading, machine facts, parameters, table. */
    static String block(String date, String machine, String parameters, LoadRun.Result parley, LoadRun.Result echo) {
        return "### " + date + ", " + String.format(Locale.ROOT, "%,d", parley.clients()) + " clients\n\n"
                + machine + "\n\n" + parameters + "\n\n" + table(parley, echo);
    }

    static String table(LoadRun.Result p, LoadRun.Result e) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "Parley", "Jetty echo (floor)", "target"});
        rows.add(new String[] {"---", "---:", "---:", "---"});
        rows.add(row("connect + join p50 / p99 (ms)", ms(p.join().p50()) + " / " + ms(p.join().p99()),
                ms(e.join().p50()) + " / " + ms(e.join().p99()), ""));
        rows.add(row("all clients joined in (s)", num(p.joinAllSeconds(), 1), num(e.joinAllSeconds(), 1), ""));
        rows.add(row("relay latency p50 (ms)", ms(p.steady().p50()), ms(e.steady().p50()), ""));
        rows.add(row("relay latency p99 (ms)", ms(p.steady().p99()), ms(e.steady().p99()),
                verdict("< 5", p.steady().count() > 0 && p.steady().p99() / 1e6 < TARGET_P99_MILLIS)));
        rows.add(row("relay latency p99.9 (ms)", ms(p.steady().p999()), ms(e.steady().p999()), ""));
        rows.add(row("relay latency max (ms)", ms(p.steady().max()), ms(e.steady().max()), ""));
        rows.add(row("messages/s delivered (steady)", num(p.steadyPerSecond(), 0), num(e.steadyPerSecond(), 0), ""));
        rows.add(row("messages lost (steady)", lost(p), lost(e), ""));
        rows.add(row("max messages/s (saturation)", num(p.saturatedPerSecond(), 0), num(e.saturatedPerSecond(), 0), ""));
        rows.add(row("latency p50 / p99 at saturation (ms)", ms(p.saturated().p50()) + " / " + ms(p.saturated().p99()),
                ms(e.saturated().p50()) + " / " + ms(e.saturated().p99()), ""));
        rows.add(row("server heap per idle client, marginal (KiB)", kib(p.heapPerClientMarginal()),
                kib(e.heapPerClientMarginal()), verdict("≤ 50", p.heapPerClientMarginal() / 1024 <= TARGET_HEAP_KIB)));
        rows.add(row("server heap per idle client, vs empty (KiB)", kib(p.heapPerClient()), kib(e.heapPerClient()),
                ""));
        rows.add(row("server direct buffers per client (KiB)", kib(p.directPerClient()), kib(e.directPerClient()), ""));
        rows.add(row("server CPU per 1,000 messages (ms)", num(p.serverCpuMsPerThousand(), 1),
                num(e.serverCpuMsPerThousand(), 1), ""));
        rows.add(row("server CPU, steady / saturation (cores)",
                num(p.serverCpuCores(), 2) + " / " + num(p.saturatedServerCpuCores(), 2),
                num(e.serverCpuCores(), 2) + " / " + num(e.saturatedServerCpuCores(), 2), ""));
        rows.add(row("load client CPU, steady (cores)", num(p.clientCpuCores(), 2), num(e.clientCpuCores(), 2), ""));
        rows.add(row("other processes' CPU, steady (cores)", num(p.otherCpuCores(), 2), num(e.otherCpuCores(), 2),
                ""));
        rows.add(row("join failures / errors / unexpected closes",
                p.joinFailures() + " / " + p.errors() + " / " + p.unexpectedCloses(),
                e.joinFailures() + " / " + e.errors() + " / " + e.unexpectedCloses(), ""));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return out.toString();
    }

    private static String[] row(String name, String parley, String echo, String target) {
        return new String[] {name, parley, echo, target};
    }

    private static String verdict(String target, boolean met) {
        return target + (met ? " (met)" : " (**missed**)");
    }

    private static String lost(LoadRun.Result r) {
        return String.format(Locale.ROOT, "%,d of %,d", r.steadySent() - r.steadyReceived(), r.steadySent());
    }

    static String ms(long nanos) {
        double millis = nanos / 1e6;
        return num(millis, millis < 10 ? 2 : millis < 100 ? 1 : 0);
    }

    static String kib(double bytes) {
        return num(bytes / 1024, 1);
    }

    static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
