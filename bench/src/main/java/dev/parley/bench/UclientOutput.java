package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What coturn's {@code turnutils_uclient} printed, parsed: its running totals (one line about every second,
 * {@code <seconds>: : start_mclient: msz=…, tot_send_msgs=…, tot_recv_msgs=…}), the final totals, the loss
 * and the average round trip. Immutable.
 *
 * @param samples  running totals in the order printed
 * @param sent     messages sent in all
 * @param received messages echoed back in all
 * @param lost     lost messages as uclient counts them (sent − received)
 * @param rttMillis average round trip in ms (uclient measures in whole ms), or NaN
 */
record UclientOutput(List<Sample> samples, long sent, long received, long lost, double rttMillis) {

    /** Running totals {@code seconds} after the client started. */
    record Sample(int seconds, long sent, long received) {
    }

    /** Sending and receiving rates over the seconds in which the offered load was at its plateau. */
    record Plateau(double sentPerSecond, double receivedPerSecond, int seconds) {
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "^(\\d+): .*start_mclient: msz=\\d+, tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private static final Pattern TOTALS = Pattern.compile("start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) ");
    private static final Pattern RTT = Pattern.compile("Average round trip delay ([\\d.]+) ms");

    /** Parses the whole output; throws if the final totals are missing (the client failed or was stopped). */
    static UclientOutput parse(String output) {
        List<Sample> samples = new ArrayList<>();
        long sent = -1;
        long received = -1;
        long lost = -1;
        double rtt = Double.NaN;
        for (String line : output.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                samples.add(new Sample(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3))));
                continue;
            }
            if ((m = TOTALS.matcher(line)).find()) {
                sent = Long.parseLong(m.group(1));
                received = Long.parseLong(m.group(2));
            } else if ((m = LOST.matcher(line)).find()) {
                lost = Long.parseLong(m.group(1));
            } else if ((m = RTT.matcher(line)).find()) {
                rtt = Double.parseDouble(m.group(1));
            }
        }
        if (sent < 0 || lost < 0) {
            throw new IllegalArgumentException("turnutils_uclient did not finish; its output ends with:\n"
                    + tail(output, 15));
        }
        return new UclientOutput(List.copyOf(samples), sent, received, lost, rtt);
    }

    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }

    /**
     * Rates over the plateau: the seconds in which the client sent at least 90 % of its highest one-second
     * rate. uclient starts each simulated client 1-6 s after the first, so the first seconds ramp up and the
     * last ones ramp down; the plateau is where every client was sending.
     */
    Plateau plateau() {
        List<double[]> rates = new ArrayList<>(); // {sent/s, received/s, seconds}
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            int dt = b.seconds() - a.seconds();
            if (dt > 0) {
                rates.add(new double[] {(b.sent() - a.sent()) / (double) dt,
                        (b.received() - a.received()) / (double) dt, dt});
            }
        }
        double max = rates.stream().mapToDouble(r -> r[0]).max().orElse(0);
        double sentSum = 0;
        double receivedSum = 0;
        int seconds = 0;
        for (double[] r : rates) {
            if (max > 0 && r[0] >= 0.9 * max) {
                sentSum += r[0] * r[2];
                receivedSum += r[1] * r[2];
                seconds += (int) r[2];
            }
        }
        return seconds == 0 ? new Plateau(0, 0, 0) : new Plateau(sentSum / seconds, receivedSum / seconds, seconds);
    }

    private static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
