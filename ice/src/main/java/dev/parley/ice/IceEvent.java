package dev.parley.ice;

import java.net.InetSocketAddress;

/** What an {@link IceLiteAgent} learned from a packet or from the passage of time. */
public sealed interface IceEvent {

    /**
     * A remote address passed a connectivity check for the first time (or again after its consent
     * lapsed). DTLS and SRTP from it may be accepted from now on: Chrome sends its ClientHello
     * right after its first successful check, before it nominates.
     */
    record Validated(InetSocketAddress address) implements IceEvent {
    }

    /**
     * The controlling agent nominated this address with USE-CANDIDATE (RFC 8445 §7.3.1.5); media
     * goes there from now on.
     *
     * @param previous the address selected before, or null for the first nomination
     */
    record Nominated(InetSocketAddress address, InetSocketAddress previous) implements IceEvent {
    }

    /**
     * No valid check arrived for the consent timeout (RFC 7675 §5.1: 30 s); the transport is closed
     * and the agent answers nothing more.
     *
     * @param address the selected address whose consent lapsed, or null if none was ever nominated
     * @param lastCheckMillis when the last valid check arrived (or the agent was created)
     */
    record ConsentExpired(InetSocketAddress address, long lastCheckMillis) implements IceEvent {
    }
}
