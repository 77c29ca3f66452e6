package dev.parley.rooms;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All rooms of this server: creates a room on its first join, drops it when its last participant is gone, and
 * applies the join / leave / resume / relay / chat rules.
 *
 * <p>Thread-safe. Each room is guarded by its own monitor; the registry's maps are concurrent. Lock order: a room's
 * monitor, then endpoint internals. No method holds two room monitors at once. Time comes from the injected
 * {@link Clock}; expiry of the resume grace happens only in {@link #sweep()}, which the server calls periodically
 * (tests call it after moving the clock).
 */
public final class RoomRegistry {

    private static final Logger log = LoggerFactory.getLogger(RoomRegistry.class);

    private final RoomsConfig config;
    private final Clock clock;
    private final ConcurrentMap<RoomName, Room> rooms = new ConcurrentHashMap<>();
    /** Resume token to the room holding that participant. The room has the final word (token must still match). */
    private final ConcurrentMap<String, Room> resumeTokens = new ConcurrentHashMap<>();
    private volatile RoomListener listener = RoomListener.NONE;

    public RoomRegistry(RoomsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public RoomsConfig config() {
        return config;
    }

    /** Sets who hears about departures and state changes (one listener; replaces the previous). */
    public void listener(RoomListener l) {
        this.listener = l == null ? RoomListener.NONE : l;
    }

    /** The room's topology now (P2P for a stale membership). */
    public Topology topology(Membership membership) {
        Room room = membership.room;
        synchronized (room) {
            return room.isCurrent(membership) ? room.topology : Topology.P2P;
        }
    }

    /**
     * Delivers a server component's message to one participant's current endpoint, if it is connected. Returns
     * false when the room or the participant is gone or disconnected.
     */
    public boolean sendTo(RoomName roomName, String participantId, Object message) {
        Room room = rooms.get(roomName);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Participant p = room.closed ? null : room.get(participantId);
            if (p == null || !p.connected()) {
                return false;
            }
            p.endpoint.deliver(new RoomEvent.Direct(message));
            return true;
        }
    }

    /** Joins (creating if needed) the room {@code roomName} as a new participant. */
    public JoinGrant join(String roomName, String displayName, Endpoint endpoint) throws RoomException {
        return join(roomName, displayName, null, endpoint);
    }

    /** Joins with an initial media state ({@code null} fields, or a null patch, mean "off-flags false"). */
    public JoinGrant join(String roomName, String displayName, StatePatch initialState, Endpoint endpoint)
            throws RoomException {
        RoomName name = RoomName.parse(roomName);
        String normalized = DisplayNames.normalize(displayName);
        while (true) {
            Room room = rooms.computeIfAbsent(name, n -> new Room(n, config.chatHistorySize()));
            synchronized (room) {
                if (room.closed) {
                    continue; // removed between lookup and lock: take or create the fresh one
                }
                if (room.size() >= config.roomCapacity()) {
                    throw new RoomException(RoomException.Reason.ROOM_FULL,
                            "Room is full (" + config.roomCapacity() + " participants)");
                }
                boolean switching = room.topology == Topology.P2P && room.size() + 1 > config.p2pMax();
                if (switching) {
                    room.topology = Topology.SFU;
                    log.debug("{} switches to the SFU at {} participants", name, room.size() + 1);
                }
                String unique = DisplayNames.unique(normalized, room.names());
                Participant participant = new Participant(Ids.random128(), unique, endpoint, Ids.random128());
                if (initialState != null) {
                    participant.state = participant.state.apply(initialState);
                }
                JoinGrant grant = new JoinGrant(new Membership(room, participant.id, endpoint), unique,
                        participant.resumeToken, false, room.viewsExcept(participant.id), room.chatHistory(),
                        room.topology);
                endpoint.deliver(new RoomEvent.Joined(grant));
                room.add(participant);
                if (switching) {
                    room.broadcastExcept(participant.id, new RoomEvent.TopologyChanged(Topology.SFU));
                }
                resumeTokens.put(participant.resumeToken, room);
                log.debug("{} joined {} as {}", participant.id, name, unique);
                return grant;
            }
        }
    }

    /** Takes back a participant's slot with a resume token; the token is consumed and a new one issued. */
    public JoinGrant resume(String token, Endpoint endpoint) throws RoomException {
        Room room = token == null ? null : resumeTokens.remove(token);
        if (room == null) {
            throw resumeFailed();
        }
        Endpoint previous;
        JoinGrant grant;
        synchronized (room) {
            Participant participant = room.closed ? null : room.findByResumeToken(token);
            if (participant == null) {
                throw resumeFailed();
            }
            previous = participant.endpoint;
            boolean wasDisconnected = !participant.connected();
            participant.endpoint = endpoint;
            participant.disconnectedAt = -1;
            participant.resumeToken = Ids.random128();
            resumeTokens.put(participant.resumeToken, room);
            grant = new JoinGrant(new Membership(room, participant.id, endpoint), participant.name,
                    participant.resumeToken, true, room.viewsExcept(participant.id), room.chatHistory(), room.topology);
            endpoint.deliver(new RoomEvent.Joined(grant));
            if (wasDisconnected) {
                room.broadcastExcept(participant.id, new RoomEvent.ParticipantUpdated(participant.view()));
            }
            if (previous != endpoint && !wasDisconnected) {
                previous.replaced();
            }
        }
        return grant;
    }

    /** The participant left on purpose. A stale membership (already replaced or removed) is ignored. */
    public void leave(Membership membership) {
        Room room = membership.room;
        synchronized (room) {
            if (!room.isCurrent(membership)) {
                return;
            }
            forgetToken(room.get(membership.participantId));
            room.remove(membership.participantId, LeaveReason.LEFT);
            listener.participantLeft(room.name, membership.participantId);
            dropIfEmpty(room);
        }
    }

    /**
     * The membership's socket is gone without a {@code leave}: the participant keeps its slot for the resume grace.
     * With a zero grace it is removed at once.
     */
    public void disconnect(Membership membership) {
        Room room = membership.room;
        synchronized (room) {
            if (!room.isCurrent(membership)) {
                return;
            }
            Participant participant = room.get(membership.participantId);
            if (config.resumeGrace().isZero()) {
                forgetToken(participant);
                room.remove(participant.id, LeaveReason.TIMEOUT);
                listener.participantLeft(room.name, participant.id);
                dropIfEmpty(room);
                return;
            }
            if (participant.connected()) {
                participant.disconnectedAt = clock.millis();
                room.broadcastExcept(participant.id, new RoomEvent.ParticipantUpdated(participant.view()));
            }
        }
    }

    public void updateState(Membership membership, StatePatch patch) {
        Room room = membership.room;
        synchronized (room) {
            if (!room.isCurrent(membership)) {
                return;
            }
            Participant participant = room.get(membership.participantId);
            participant.state = participant.state.apply(patch);
            room.broadcastExcept(participant.id, new RoomEvent.ParticipantUpdated(participant.view()));
            listener.stateChanged(room.name, participant.view());
        }
    }

    /** Relays an opaque signal to another participant of the same room. */
    public void relay(Membership membership, String to, Object payload) throws RoomException {
        Room room = membership.room;
        synchronized (room) {
            Participant target = to == null ? null : room.get(to);
            if (!room.isCurrent(membership) || target == null || target.id.equals(membership.participantId)) {
                throw new RoomException(RoomException.Reason.UNKNOWN_PARTICIPANT,
                        "No other participant with that id in this room");
            }
            if (target.connected()) {
                target.endpoint.deliver(new RoomEvent.SignalRelayed(membership.participantId, payload));
            }
        }
    }

    /** Posts a chat message to the room (the sender receives it too) and returns it. */
    public ChatMessage chat(Membership membership, String text) throws RoomException {
        String trimmed = text == null ? "" : text.stripTrailing();
        if (trimmed.isEmpty()) {
            throw new RoomException(RoomException.Reason.BAD_TEXT, "Chat text is empty");
        }
        if (trimmed.length() > config.chatTextMax()) {
            throw new RoomException(RoomException.Reason.TEXT_TOO_LONG,
                    "Chat text is over " + config.chatTextMax() + " characters");
        }
        Room room = membership.room;
        synchronized (room) {
            if (!room.isCurrent(membership)) {
                throw new RoomException(RoomException.Reason.UNKNOWN_PARTICIPANT, "Not in this room any more");
            }
            Participant sender = room.get(membership.participantId);
            ChatMessage message = new ChatMessage(Ids.random64(), sender.id, sender.name, trimmed, clock.millis());
            room.postChat(message);
            return message;
        }
    }

    /**
     * The room's chat messages older than the one with id {@code beforeId}, oldest first (all of them when it is
     * null; none when the id is no longer in the history), for a participant paging back through the history.
     */
    public List<ChatMessage> chatBefore(Membership membership, String beforeId) throws RoomException {
        Room room = membership.room;
        List<ChatMessage> all;
        synchronized (room) {
            if (!room.isCurrent(membership)) {
                throw new RoomException(RoomException.Reason.UNKNOWN_PARTICIPANT, "Not in this room any more");
            }
            all = room.chatHistory();
        }
        if (beforeId == null) {
            return all;
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(beforeId)) {
                return all.subList(0, i);
            }
        }
        return List.of();
    }

    /** Removes participants whose resume grace has run out, and rooms left empty. Call periodically. */
    public void sweep() {
        long deadline = clock.millis() - config.resumeGrace().toMillis();
        for (Room room : rooms.values()) {
            synchronized (room) {
                for (String id : room.disconnectedSince(deadline)) {
                    forgetToken(room.get(id));
                    room.remove(id, LeaveReason.TIMEOUT);
                    listener.participantLeft(room.name, id);
                    log.debug("{} removed from {}: resume grace expired", id, room.name);
                }
                dropIfEmpty(room);
            }
        }
    }

    /** Whether a room of that name exists now (a join to any other name creates one). */
    public boolean exists(String roomName) {
        try {
            return rooms.containsKey(RoomName.parse(roomName));
        } catch (RoomException e) {
            return false;
        }
    }

    public int roomCount() {
        return rooms.size();
    }

    /** Participants in all rooms, including those within their resume grace. */
    public int participantCount() {
        int total = 0;
        for (Room room : rooms.values()) {
            synchronized (room) {
                total += room.size();
            }
        }
        return total;
    }

    /** A snapshot of a room's participants (empty if the room does not exist). */
    public List<ParticipantView> roster(String roomName) {
        if (!RoomName.isValid(roomName)) {
            return List.of();
        }
        Room room = rooms.get(new RoomName(roomName.toLowerCase(Locale.ROOT)));
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.views();
        }
    }

    private void forgetToken(Participant participant) {
        if (participant != null) {
            resumeTokens.remove(participant.resumeToken);
        }
    }

    private void dropIfEmpty(Room room) {
        if (room.isEmpty() && !room.closed) {
            room.closed = true;
            rooms.remove(room.name, room);
        }
    }

    private static RoomException resumeFailed() {
        return new RoomException(RoomException.Reason.RESUME_FAILED, "Resume token unknown, used or expired");
    }
}
