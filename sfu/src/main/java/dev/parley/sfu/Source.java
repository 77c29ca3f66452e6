package dev.parley.sfu;

/** What a participant sends in one of its three slots (docs/protocol.md, {@code sfu-offer.slots}). */
public enum Source {
    AUDIO("audio", "audio"),
    CAMERA("camera", "video"),
    SCREEN("screen", "video");

    private final String wire;
    private final String kind;

    Source(String wire, String kind) {
        this.wire = wire;
        this.kind = kind;
    }

    /** The name in the signaling protocol. */
    public String wire() {
        return wire;
    }

    /** The SDP media kind. */
    public String kind() {
        return kind;
    }

    /** The slot's mid: 0, 1, 2 (the first three sections of every offer). */
    public String slotMid() {
        return Integer.toString(ordinal());
    }

    public boolean isVideo() {
        return this != AUDIO;
    }
}
