package dev.parley.rooms;

/** How a room's media flows (docs/media.md, "Topology and negotiation"). */
public enum Topology {
    /** Every participant sends to every other directly (or through TURN). */
    P2P("p2p"),
    /** Every participant sends to and receives from the server's SFU. */
    SFU("sfu");

    private final String wire;

    Topology(String wire) {
        this.wire = wire;
    }

    /** The name in the signaling protocol. */
    public String wire() {
        return wire;
    }
}
