package dev.parley.dtls.internal;

import dev.parley.dtls.SrtpKeys;

/** What the BouncyCastle peers tell their {@code DtlsEndpoint}; called on the handshake thread. */
public interface HandshakeCallbacks {

    /** Keys exported inside {@code notifyHandshakeComplete} (after it returns, export throws). */
    void keysExported(SrtpKeys keys);

    /** A readable reason, recorded just before the peer aborts the handshake with a fatal alert. */
    void failing(String reason);

    /** An alert arrived from the peer. */
    void alertReceived(short level, short description);
}
