package dev.parley.ice;

import java.util.List;

/**
 * The outcome of one packet given to {@link IceLiteAgent#handle}.
 *
 * @param verdict what was done with it
 * @param response the STUN response to send back to the packet's source, or null
 * @param events what changed, in order
 */
public record CheckResult(CheckVerdict verdict, byte[] response, List<IceEvent> events) {

    public CheckResult {
        events = List.copyOf(events);
    }

    static CheckResult silent(CheckVerdict verdict) {
        return new CheckResult(verdict, null, List.of());
    }

    public boolean hasResponse() {
        return response != null;
    }
}
