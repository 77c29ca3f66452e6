package dev.parley.turn;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client-to-server 5-tuple that names an allocation (RFC 8656 §2): transport, the client's
 * address as the server sees it, and the server address it reached.
 */
public record FiveTuple(Transport transport, InetSocketAddress client, InetSocketAddress server) {

    public FiveTuple {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    @Override
    public String toString() {
        return transport + " " + client + "->" + server;
    }
}
