package dev.parley.sfu;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The SFU's side of one room: its participants' connections and who is sharing a screen. Owned by the media loop. */
final class SfuRoom {

    final String name;
    final Map<String, Peer> peers = new LinkedHashMap<>();
    final Set<String> sharing = new HashSet<>();
    /** The video codec every offer of this room puts first (so every publisher sends it). */
    String videoCodec;

    SfuRoom(String name, String videoCodec) {
        this.name = name;
        this.videoCodec = videoCodec;
    }

    /** The sources {@code participantId} offers others now: audio and camera always, the screen while sharing. */
    boolean publishes(String participantId, Source source) {
        return source != Source.SCREEN || sharing.contains(participantId);
    }
}
