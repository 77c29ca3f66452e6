package dev.parley.turn;

/** How a client reaches the server (RFC 8656 §3.1): the transport part of the 5-tuple. */
public enum Transport {
    UDP, TCP, TLS;

    /** RFC 8656 §12.5: over TCP and TLS, ChannelData is padded to a multiple of 4 bytes. */
    public boolean isStream() {
        return this != UDP;
    }
}
