package dev.parley.turn;

import java.io.IOException;
import java.net.InetSocketAddress;

/** One allocation's relayed transport address: a UDP socket the edge owns. Implementations are thread-safe. */
public interface Relay {

    /** The local address the relay socket is bound to. */
    InetSocketAddress address();

    /** Sends {@code buf[off, off+len)} to {@code peer}; the bytes are not kept after the call. */
    void send(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException;

    /** Closes the socket; idempotent. */
    void close();
}
