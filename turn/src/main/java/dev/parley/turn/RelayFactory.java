package dev.parley.turn;

import java.io.IOException;

/**
 * Opens relay sockets for new allocations. The edge's implementation binds a UDP port from the
 * configured range and feeds what arrives on it to {@link TurnServerCore#onPeerDatagram}; tests pass
 * a fake. Must be thread-safe.
 */
public interface RelayFactory {

    /**
     * A new relay on a free port, an even one if {@code evenPort} (RFC 8656 §7.2, EVEN-PORT);
     * {@link IOException} when none is free (answered 508).
     */
    Relay open(boolean evenPort) throws IOException;
}
