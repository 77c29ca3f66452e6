package dev.parley.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.rooms.StatePatch;

/** Messages a client sends (docs/protocol.md, "Client → server"). Each carries the client's optional {@code ref}. */
public sealed interface ClientMessage {

    String ref();

    /** The wire {@code type}. */
    String type();

    /** {@code state} is the optional initial media state (null: all off-flags false). */
    record Join(String room, String name, int version, StatePatch state, String ref) implements ClientMessage {
        public String type() {
            return "join";
        }
    }

    record Resume(String token, String ref) implements ClientMessage {
        public String type() {
            return "resume";
        }
    }

    record Leave(String ref) implements ClientMessage {
        public String type() {
            return "leave";
        }
    }

    record Signal(String to, ObjectNode payload, String ref) implements ClientMessage {
        public String type() {
            return "signal";
        }
    }

    record State(Boolean audioMuted, Boolean videoMuted, Boolean screenSharing, Boolean handRaised, String ref)
            implements ClientMessage {
        public String type() {
            return "state";
        }
    }

    record Chat(String text, String ref) implements ClientMessage {
        public String type() {
            return "chat";
        }
    }

    /** Asks for chat messages older than {@code before} (a message id; null: the newest). */
    record ChatHistory(String before, String ref) implements ClientMessage {
        public String type() {
            return "chat-history";
        }
    }

    /** Asks for ICE servers without joining (the connection test page). */
    record GetIceServers(String ref) implements ClientMessage {
        public String type() {
            return "get-ice-servers";
        }
    }

    /** Asks for a (fresh) SFU connection; the answer is an {@code sfu-offer}. */
    record SfuConnect(String ref) implements ClientMessage {
        public String type() {
            return "sfu-connect";
        }
    }

    /** The client's answer to the SFU's offer of that version. */
    record SfuAnswer(int version, String sdp, String ref) implements ClientMessage {
        public String type() {
            return "sfu-answer";
        }
    }

    record Ping(String ref) implements ClientMessage {
        public String type() {
            return "ping";
        }
    }
}
