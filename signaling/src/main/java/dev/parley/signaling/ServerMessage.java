package dev.parley.signaling;

import dev.parley.rooms.ChatMessage;
import dev.parley.rooms.LeaveReason;
import dev.parley.rooms.ParticipantView;
import java.util.List;

/** Messages the server sends (docs/protocol.md, "Server → client"). */
public sealed interface ServerMessage {

    /** The wire {@code type}. */
    String type();

    record Joined(String id, String room, String name, String resumeToken, boolean resumed,
                  List<ParticipantView> participants, List<IceServer> iceServers, List<ChatMessage> chat,
                  boolean chatMore, String topology, int chatTextMax, int roomCapacity) implements ServerMessage {
        public String type() {
            return "joined";
        }
    }

    record ParticipantJoined(ParticipantView participant) implements ServerMessage {
        public String type() {
            return "participant-joined";
        }
    }

    record ParticipantUpdated(ParticipantView participant) implements ServerMessage {
        public String type() {
            return "participant-updated";
        }
    }

    record ParticipantLeft(String id, LeaveReason reason) implements ServerMessage {
        public String type() {
            return "participant-left";
        }
    }

    /** A relayed signal; the payload is the client's JSON object, passed through untouched. */
    record Signal(String from, Object payload) implements ServerMessage {
        public String type() {
            return "signal";
        }
    }

    /** A page of older chat messages, oldest first; {@code more} when older ones remain. */
    record ChatHistory(List<ChatMessage> messages, boolean more, String ref) implements ServerMessage {
        public String type() {
            return "chat-history";
        }
    }

    record Chat(ChatMessage message) implements ServerMessage {
        public String type() {
            return "chat";
        }
    }

    record IceServers(List<IceServer> iceServers, String ref) implements ServerMessage {
        public String type() {
            return "ice-servers";
        }
    }

    record Pong(long ts) implements ServerMessage {
        public String type() {
            return "pong";
        }
    }

    record ServerShutdown(String message) implements ServerMessage {
        public String type() {
            return "server-shutdown";
        }
    }

    /** The room's media moved to {@code topology} ("sfu"). */
    record TopologyChanged(String topology) implements ServerMessage {
        public String type() {
            return "topology";
        }
    }

    /**
     * The SFU's offer for this participant's SFU connection.
     *
     * @param slots  "audio" / "camera" / "screen" → the mid the participant sends that in
     * @param tracks the sections carrying other participants' media
     */
    record SfuOffer(int version, String sdp, java.util.Map<String, String> slots, List<SfuTrack> tracks)
            implements ServerMessage {
        public String type() {
            return "sfu-offer";
        }
    }

    /** One forwarded track of an {@link SfuOffer}: section {@code mid} carries {@code participant}'s {@code source}. */
    record SfuTrack(String mid, String participant, String source) {
    }

    record Error(ErrorCode code, String message, String ref) implements ServerMessage {
        public String type() {
            return "error";
        }
    }
}
