package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The TURN benchmark's table in Markdown: one row per figure, coturn's and Parley's rounds side by side, and the
 * ratio of their means. Stateless.
 */
final class TurnReport {

    static final String HEADING = "## TURN";
    static final String INTRO = "Measured with `bench/turn`; each run adds a block below.";
    /** The target: Parley relays at least this fraction of coturn's messages/s, with no more loss. */
    static final double TARGET_RATIO = 0.8;

    private TurnReport() {
    }

    static String block(String date, String machine, String parameters, List<TurnBench.ServerRound> rounds) {
        List<TurnBench.ServerRound> coturn = rounds.stream().filter(r -> r.server().equals("coturn")).toList();
        List<TurnBench.ServerRound> parley = rounds.stream().filter(r -> r.server().equals("Parley")).toList();
        return "### " + date + ", coturn and Parley\n\n" + machine + "\n\n" + parameters + "\n\n"
                + table(coturn, parley) + "\n" + verdict(coturn, parley) + "\n";
    }

    static String table(List<TurnBench.ServerRound> c, List<TurnBench.ServerRound> p) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "coturn (" + runs(c) + ")", "Parley (" + runs(p) + ")", "Parley ÷ coturn"});
        rows.add(new String[] {"---", "---:", "---:", "---:"});
        rows.add(row("fixed load: offered messages/s", c, p, r -> r.fixed().result().plateau().sentPerSecond(), 0,
                false));
        rows.add(row("fixed load: echoed messages/s", c, p, r -> r.fixed().result().plateau().receivedPerSecond(), 0,
                true));
        rows.add(row("fixed load: lost (%)", c, p, r -> r.fixed().result().lossPercent(), 2, false));
        rows.add(row("fixed load: average round trip (ms)", c, p, r -> r.fixed().result().rttMillis(), 1, false));
        rows.add(row("fixed load: server CPU, averaged over the whole load (cores)", c, p,
                r -> r.fixed().serverCores(), 2, true));
        rows.add(row("fixed load: server CPU per 1,000 echoed messages (ms)", c, p,
                r -> 1e6 * r.fixed().serverCpuSeconds() / Math.max(1, r.fixed().result().received()), 1, true));
        if (c.stream().allMatch(r -> r.max() != null) && !c.isEmpty()) {
            rows.add(row("maximum rate: echoed messages/s", c, p, r -> r.max().result().plateau().receivedPerSecond(),
                    0, true));
            rows.add(row("maximum rate: lost (%)", c, p, r -> r.max().result().lossPercent(), 2, false));
            rows.add(row("maximum rate: server CPU, averaged over the whole load (cores)", c, p,
                    r -> r.max().serverCores(), 2, true));
        }
        if (c.stream().allMatch(r -> r.allocations() != null) && !c.isEmpty()) {
            rows.add(row("allocations/s (allocate, authenticate, delete)", c, p,
                    r -> r.allocations().result().perSecond(), 0, true));
            rows.add(row("allocation failures", c, p, r -> r.allocations().result().failures(), 0, false));
        }
        rows.add(row("server RSS, peak during the loads (MiB)", c, p, r -> peakRss(r) / 1048576.0, 0, true));
        rows.add(row("load average (1 min) before the fixed load", c, p, r -> r.fixed().loadAverage(), 1, false));
        rows.add(row("machine busy during the fixed load (cores)", c, p, r -> r.fixed().machineBusyCores(), 2, false));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return out.toString();
    }

    /** Whether Parley met the target: its maximum rate (else its fixed-load rate) and its loss against coturn's. */
    static String verdict(List<TurnBench.ServerRound> c, List<TurnBench.ServerRound> p) {
        boolean hasMax = !c.isEmpty() && c.stream().allMatch(r -> r.max() != null);
        ToDoubleFunction<TurnBench.ServerRound> rate = hasMax
                ? r -> r.max().result().plateau().receivedPerSecond()
                : r -> r.fixed().result().plateau().receivedPerSecond();
        double ratio = mean(p, rate) / mean(c, rate);
        double parleyLoss = mean(p, r -> r.fixed().result().lossPercent());
        double coturnLoss = mean(c, r -> r.fixed().result().lossPercent());
        // Within 0.1 percentage point counts as "no more": uclient's loss includes a few messages in flight
        // when a session stops.
        boolean lossOk = parleyLoss <= coturnLoss + 0.1;
        boolean met = ratio >= TARGET_RATIO && lossOk;
        return String.format(Locale.ROOT, "Target (Parley ≥ %.1f × coturn in echoed messages/s at %s, no more "
                        + "loss at the fixed load): ratio **%.2f**, loss %.2f %% vs %.2f %%: **%s**. Each echoed "
                        + "message crosses the server twice (client → peer, peer → client), so relayed "
                        + "packets/s are twice the echoed messages/s.", TARGET_RATIO,
                hasMax ? "the maximum rate" : "the fixed load", ratio, parleyLoss, coturnLoss, met ? "met" : "missed");
    }

    private static long peakRss(TurnBench.ServerRound r) {
        long peak = r.fixed().peakRssBytes();
        if (r.max() != null) {
            peak = Math.max(peak, r.max().peakRssBytes());
        }
        if (r.allocations() != null) {
            peak = Math.max(peak, r.allocations().peakRssBytes());
        }
        return peak;
    }

    private static String runs(List<TurnBench.ServerRound> rounds) {
        return rounds.size() == 1 ? "1 run" : String.join(" / ", rounds.stream().map(r -> "run " + r.round()).toList());
    }

    private static String[] row(String name, List<TurnBench.ServerRound> c, List<TurnBench.ServerRound> p,
            ToDoubleFunction<TurnBench.ServerRound> figure, int decimals, boolean ratio) {
        double cm = mean(c, figure);
        double pm = mean(p, figure);
        return new String[] {name, cells(c, figure, decimals), cells(p, figure, decimals),
                ratio && cm > 0 ? num(pm / cm, 2) : ""};
    }

    private static String cells(List<TurnBench.ServerRound> rounds, ToDoubleFunction<TurnBench.ServerRound> figure,
            int decimals) {
        return String.join(" / ", rounds.stream().map(r -> num(figure.applyAsDouble(r), decimals)).toList());
    }

    static double mean(List<TurnBench.ServerRound> rounds, ToDoubleFunction<TurnBench.ServerRound> figure) {
        return rounds.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
