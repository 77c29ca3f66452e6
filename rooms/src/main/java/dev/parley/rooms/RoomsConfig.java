package dev.parley.rooms;

import java.time.Duration;

/**
 * Immutable room rules.
 *
 * @param roomCapacity    participants per room, including those within their resume grace
 * @param chatHistorySize chat messages a room keeps in memory and sends to joiners
 * @param chatTextMax     maximum chat text length in UTF-16 code units
 * @param resumeGrace     how long a participant whose socket is lost keeps its slot
 * @param p2pMax          participants a room may have with peer-to-peer media; the next one switches it to the SFU
 *                        ({@link #NEVER_SFU}: never)
 */
public record RoomsConfig(int roomCapacity, int chatHistorySize, int chatTextMax, Duration resumeGrace, int p2pMax) {

    /** A {@link #p2pMax} that keeps every room peer to peer (no SFU). */
    public static final int NEVER_SFU = Integer.MAX_VALUE;

    public static final RoomsConfig DEFAULTS = new RoomsConfig(16, 200, 4096, Duration.ofSeconds(30));

    public RoomsConfig {
        if (roomCapacity < 1 || chatHistorySize < 0 || chatTextMax < 1 || resumeGrace.isNegative() || p2pMax < 1) {
            throw new IllegalArgumentException("invalid rooms config");
        }
    }

    /** Rooms that stay peer to peer. */
    public RoomsConfig(int roomCapacity, int chatHistorySize, int chatTextMax, Duration resumeGrace) {
        this(roomCapacity, chatHistorySize, chatTextMax, resumeGrace, NEVER_SFU);
    }

    public RoomsConfig withP2pMax(int max) {
        return new RoomsConfig(roomCapacity, chatHistorySize, chatTextMax, resumeGrace, max);
    }
}
