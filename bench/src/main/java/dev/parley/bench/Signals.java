package dev.parley.bench;

/**
 * The benchmark's signal frames, written and read without a JSON library so that the client's own cost stays small
 * next to the server's. A payload is {@code {"s":<sender index>,"t":<System.nanoTime() at send>,"p":"<padding>"}};
 * the server relays the payload object untouched, so the receiver finds it after {@code "payload":}. Stateless.
 */
final class Signals {

    static final String SIGNAL_PREFIX = "{\"type\":\"signal\"";
    private static final String PAYLOAD = "\"payload\":{\"s\":";
    private static final String TIME = ",\"t\":";

    private Signals() {
    }

    /** A client's {@code signal} to {@code to}. */
    static String signal(String to, int sender, long sentNanos, String padding) {
        return new StringBuilder(64 + to.length() + padding.length())
                .append("{\"type\":\"signal\",\"to\":\"").append(to).append("\",")
                .append(PAYLOAD).append(sender).append(TIME).append(sentNanos)
                .append(",\"p\":\"").append(padding).append("\"}}").toString();
    }

    static String padding(int bytes) {
        return "x".repeat(bytes);
    }

    static boolean isSignal(String text) {
        return text.startsWith(SIGNAL_PREFIX);
    }

    /** The sender index of a signal frame (sent or relayed), or -1 if the frame has no benchmark payload. */
    static int sender(String text) {
        int at = text.indexOf(PAYLOAD);
        return at < 0 ? -1 : (int) digits(text, at + PAYLOAD.length());
    }

    /** The send time of a signal frame, or -1 if the frame has no benchmark payload. */
    static long sentNanos(String text) {
        int at = text.indexOf(PAYLOAD);
        if (at < 0) {
            return -1;
        }
        int time = text.indexOf(TIME, at + PAYLOAD.length());
        return time < 0 ? -1 : digits(text, time + TIME.length());
    }

    /** A (possibly negative) decimal number starting at {@code from}; -1 if there is none. */
    private static long digits(String text, int from) {
        int i = from;
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int start = i;
        for (; i < text.length() && i - start < 19; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (i == start) {
            return -1;
        }
        return negative ? -value : value;
    }
}
