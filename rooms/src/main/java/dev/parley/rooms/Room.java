package dev.parley.rooms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room: its participants and chat history.
 *
 * <p>Thread-safety: every method must be called with the room's monitor held ({@code synchronized (room)});
 * {@link RoomRegistry} does that. Events are delivered to endpoints while the monitor is held, which gives every
 * participant the same order of events; endpoints never block (see {@link Endpoint}).
 */
final class Room {

    final RoomName name;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final ChatHistory chat;
    /** Set once the room has been removed from the registry; a joiner that sees it retries. */
    boolean closed;
    /** Peer to peer until the room grows past {@link RoomsConfig#p2pMax}; then SFU until the room is dropped. */
    Topology topology = Topology.P2P;

    Room(RoomName name, int chatHistorySize) {
        this.name = name;
        this.chat = new ChatHistory(chatHistorySize);
    }

    int size() {
        return participants.size();
    }

    int connectedCount() {
        return (int) participants.values().stream().filter(Participant::connected).count();
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    Participant get(String id) {
        return participants.get(id);
    }

    Participant findByResumeToken(String token) {
        for (Participant p : participants.values()) {
            if (token.equals(p.resumeToken)) {
                return p;
            }
        }
        return null;
    }

    /** True if {@code membership} still names the participant and endpoint that own the slot. */
    boolean isCurrent(Membership membership) {
        Participant p = participants.get(membership.participantId);
        return p != null && p.endpoint == membership.endpoint;
    }

    List<String> names() {
        return participants.values().stream().map(p -> p.name).toList();
    }

    List<ParticipantView> viewsExcept(String id) {
        List<ParticipantView> views = new ArrayList<>(participants.size());
        for (Participant p : participants.values()) {
            if (!p.id.equals(id)) {
                views.add(p.view());
            }
        }
        return views;
    }

    List<ParticipantView> views() {
        return participants.values().stream().map(Participant::view).toList();
    }

    List<ChatMessage> chatHistory() {
        return chat.snapshot();
    }

    void add(Participant participant) {
        broadcastExcept(participant.id, new RoomEvent.ParticipantJoined(participant.view()));
        participants.put(participant.id, participant);
    }

    void remove(String id, LeaveReason reason) {
        if (participants.remove(id) != null) {
            broadcastExcept(id, new RoomEvent.ParticipantLeft(id, reason));
        }
    }

    void postChat(ChatMessage message) {
        chat.add(message);
        broadcastExcept(null, new RoomEvent.ChatPosted(message));
    }

    /** Expired participants: lost their socket at or before {@code deadline} (epoch millis). */
    List<String> disconnectedSince(long deadline) {
        List<String> expired = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.connected() && p.disconnectedAt <= deadline) {
                expired.add(p.id);
            }
        }
        return expired;
    }

    void broadcastExcept(String exceptId, RoomEvent event) {
        for (Participant p : participants.values()) {
            if (p.connected() && !p.id.equals(exceptId)) {
                p.endpoint.deliver(event);
            }
        }
    }
}
