package dev.parley.rooms;

import java.time.Duration;

/**
 * Immutable room rules.
 *
 * @param roomCapacity    participants per room, including those within their resume grace
 * @param chatHistorySize chat messages a room keeps in memory and sends to joiners
 * @param chatTextMax     maximum chat text length in UTF-16 code units
 * @param resumeGrace     how long a participant whose socket is lost keeps its slot
 */
public record RoomsConfig(int roomCapacity, int chatHistorySize, int chatTextMax, Duration resumeGrace) {

    public static final RoomsConfig DEFAULTS = new RoomsConfig(16, 200, 4096, Duration.ofSeconds(30));

    public RoomsConfig {
        if (roomCapacity < 1 || chatHistorySize < 0 || chatTextMax < 1 || resumeGrace.isNegative()) {
            throw new IllegalArgumentException("invalid rooms config");
        }
    }
}
