package dev.parley.turn.internal;

import java.net.InetSocketAddress;

/** One channel binding (RFC 8656 §11): number, peer transport address, expiry. Guarded by its allocation. */
public final class ChannelBinding {

    public final int number;
    public final InetSocketAddress peer;
    long expiresAt;

    ChannelBinding(int number, InetSocketAddress peer, long expiresAt) {
        this.number = number;
        this.peer = peer;
        this.expiresAt = expiresAt;
    }
}
