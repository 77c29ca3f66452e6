package dev.parley.signaling;

import dev.parley.rooms.Endpoint;
import dev.parley.rooms.Ids;
import dev.parley.rooms.JoinGrant;
import dev.parley.rooms.Membership;
import dev.parley.rooms.RoomEvent;
import dev.parley.rooms.RoomException;
import dev.parley.rooms.RoomRegistry;
import dev.parley.rooms.StatePatch;
import dev.parley.rooms.Topology;
import java.net.InetAddress;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one WebSocket connection (docs/protocol.md, "Session lifecycle"): decodes frames,
 * enforces the rate limit, dispatches each message type to its handler and turns room events into server messages.
 *
 * <p>Thread-safety: {@link #onText}, {@link #onClose} and {@link #shutdown} are serialized on this session's monitor
 * (the socket delivers frames one at a time; the monitor covers the close racing a frame). {@link #deliver} and
 * {@link #replaced} are called by rooms under a room's lock from any thread; they touch only immutable fields and
 * the thread-safe {@link Transport}. Lock order: session, then room, then transport.
 */
public final class SignalingSession implements Endpoint {

    private static final Logger log = LoggerFactory.getLogger(SignalingSession.class);
    /** The id prefix of credentials handed out before a join; the TURN server gives such a user one allocation. */
    public static final String PROBE_PREFIX = "probe-";

    private final RoomRegistry rooms;
    private final Transport transport;
    private final MessageCodec codec;
    private final SignalingConfig config;
    private final IceServerProvider iceServers;
    private final SfuGateway sfu;
    private final SignalingObserver observer;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RateLimiter limiter;
    private final MessageBudgets budgets;

    private final Admission admission;
    private final InetAddress client;
    private final long openedNanos;
    private boolean everJoined;
    /** The screen-share state this session last announced (each change re-offers the room's SFU connections). */
    private boolean screenSharing;
    private Membership membership;
    private int droppedWhileLimited;
    private boolean closed;
    private volatile long lastSeenNanos;

    public SignalingSession(RoomRegistry rooms, Transport transport, MessageCodec codec, SignalingConfig config,
                            IceServerProvider iceServers, SignalingObserver observer, Clock clock,
                            LongSupplier nanoTime) {
        this(rooms, transport, codec, config, iceServers, SfuGateway.NONE, observer, clock, nanoTime);
    }

    public SignalingSession(RoomRegistry rooms, Transport transport, MessageCodec codec, SignalingConfig config,
                            IceServerProvider iceServers, SfuGateway sfu, SignalingObserver observer, Clock clock,
                            LongSupplier nanoTime) {
        this(rooms, transport, codec, config, iceServers, sfu, observer, clock, nanoTime,
                new Admission(config.admission()), null);
    }

    /**
     * @param admission the server's per-address limits (joins, new rooms)
     * @param client    the client's address, or null when unknown (then no per-address limit applies)
     */
    public SignalingSession(RoomRegistry rooms, Transport transport, MessageCodec codec, SignalingConfig config,
                            IceServerProvider iceServers, SfuGateway sfu, SignalingObserver observer, Clock clock,
                            LongSupplier nanoTime, Admission admission, InetAddress client) {
        this.admission = admission;
        this.client = client;
        this.sfu = sfu;
        this.rooms = rooms;
        this.transport = transport;
        this.codec = codec;
        this.config = config;
        this.iceServers = iceServers;
        this.observer = observer;
        this.clock = clock;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lastSeenNanos = now;
        this.openedNanos = now;
        this.limiter = new RateLimiter(config.rateLimit(), config.rateBurst(), now);
        this.budgets = new MessageBudgets(now);
    }

    /** Handles one text frame from the client. */
    public synchronized void onText(String text) {
        if (closed) {
            return;
        }
        long now = nanoTime.getAsLong();
        lastSeenNanos = now;
        if (!limiter.tryAcquire(now)) {
            onRateLimited();
            return;
        }
        droppedWhileLimited = 0;
        try {
            ClientMessage message = codec.decode(text);
            observer.messageIn(message.type());
            if (!budgets.tryAcquire(message.type(), now)) {
                sendError(ErrorCode.RATE_LIMITED, "Too many '" + message.type() + "' messages; slow down (dropped)",
                        message.ref());
                return;
            }
            dispatch(message);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.BAD_JSON || e.code() == ErrorCode.UNKNOWN_TYPE) {
                observer.messageIn("invalid");
            }
            sendError(e.code(), e.getMessage(), e.ref());
        } catch (RuntimeException e) {
            log.warn("Internal error handling a client message", e);
            sendError(ErrorCode.INTERNAL, "Internal server error; the message was dropped", null);
        }
    }

    /** The socket is closed (by either side, or it died). A joined participant keeps its slot for the resume grace. */
    public synchronized void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        if (membership != null) {
            rooms.disconnect(membership);
            membership = null;
        }
    }

    /**
     * Closes the socket if the client has been silent for longer than the liveness timeout, or has not joined a room
     * within the join timeout of opening it.
     */
    public boolean closeIfSilent(long nowNanos) {
        boolean neverJoined;
        synchronized (this) {
            neverJoined = !everJoined && !closed;
        }
        if (neverJoined && nowNanos - openedNanos > config.joinTimeout().toNanos()) {
            close(CloseCodes.JOIN_TIMEOUT, "No join within " + config.joinTimeout().toSeconds() + " s");
            return true;
        }
        if (nowNanos - lastSeenNanos > config.livenessTimeout().toNanos()) {
            close(CloseCodes.LIVENESS_TIMEOUT, "No message for " + config.livenessTimeout().toSeconds() + " s");
            return true;
        }
        return false;
    }

    /**
     * Closes the socket if this session currently holds the given participant. The participant then enters the
     * resume grace, exactly as when the socket dies; returns whether the socket was closed.
     */
    public synchronized boolean closeIfParticipant(String participantId, int code, String reason) {
        if (closed || membership == null || !membership.participantId().equals(participantId)) {
            return false;
        }
        close(code, reason);
        return true;
    }

    /** Tells the client the server is stopping and closes the socket with 1001. */
    public void shutdown(String message) {
        send(new ServerMessage.ServerShutdown(message));
        close(CloseCodes.GOING_AWAY, "Server shutting down");
    }

    @Override
    public void deliver(RoomEvent event) {
        send(switch (event) {
            case RoomEvent.Joined j -> joined(j.grant());
            case RoomEvent.ParticipantJoined p -> new ServerMessage.ParticipantJoined(p.participant());
            case RoomEvent.ParticipantUpdated p -> new ServerMessage.ParticipantUpdated(p.participant());
            case RoomEvent.ParticipantLeft p -> new ServerMessage.ParticipantLeft(p.participantId(), p.reason());
            case RoomEvent.SignalRelayed s -> new ServerMessage.Signal(s.from(), s.payload());
            case RoomEvent.ChatPosted c -> new ServerMessage.Chat(c.message());
            case RoomEvent.TopologyChanged t -> new ServerMessage.TopologyChanged(t.topology().wire());
            case RoomEvent.Direct d when d.message() instanceof ServerMessage m -> m;
            case RoomEvent.Direct d -> throw new IllegalArgumentException("not a server message: " + d.message());
        });
    }

    @Override
    public void replaced() {
        close(CloseCodes.REPLACED, "Resumed on another connection");
    }

    private void dispatch(ClientMessage message) throws ProtocolException {
        switch (message) {
            case ClientMessage.Join join -> onJoin(join);
            case ClientMessage.Resume resume -> onResume(resume);
            case ClientMessage.Leave leave -> onLeave(leave);
            case ClientMessage.Signal signal -> onSignal(signal);
            case ClientMessage.State state -> onState(state);
            case ClientMessage.Chat chat -> onChat(chat);
            case ClientMessage.Ping ping -> send(new ServerMessage.Pong(clock.millis()));
            case ClientMessage.SfuConnect connect -> onSfuConnect(connect);
            case ClientMessage.ChatHistory history -> onChatHistory(history);
            case ClientMessage.SfuAnswer answer -> onSfuAnswer(answer);
            case ClientMessage.GetIceServers get -> send(new ServerMessage.IceServers(membership != null
                    ? iceServers.forParticipant(membership.participantId())
                    : iceServers.forProbe(PROBE_PREFIX + Ids.random64()), get.ref()));
        }
    }

    private void onJoin(ClientMessage.Join join) throws ProtocolException {
        requireNotJoined(join);
        if (join.version() != MessageCodec.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "This server speaks protocol version " + MessageCodec.VERSION, join.ref());
        }
        long now = takeJoinBudget(join);
        if (!rooms.exists(join.room()) && !admission.mayCreateRoom(client, now)) {
            throw new ProtocolException(ErrorCode.TOO_MANY_ROOMS,
                    "Too many new rooms from your address; wait a minute or join an existing one", join.ref());
        }
        membership = roomCall(join, () -> rooms.join(join.room(), join.name(), join.state(), this)).membership();
        everJoined = true;
    }

    private void onResume(ClientMessage.Resume resume) throws ProtocolException {
        requireNotJoined(resume);
        takeJoinBudget(resume);
        membership = roomCall(resume, () -> rooms.resume(resume.token(), this)).membership();
        everJoined = true;
    }

    /** Takes a join (or resume) from the client address's budget; returns the time it was taken at. */
    private long takeJoinBudget(ClientMessage message) throws ProtocolException {
        long now = nanoTime.getAsLong();
        if (!admission.mayJoin(client, now)) {
            throw new ProtocolException(ErrorCode.TOO_MANY_JOINS, "Too many joins from your address; wait a minute",
                    message.ref());
        }
        return now;
    }

    private void onLeave(ClientMessage.Leave leave) throws ProtocolException {
        rooms.leave(requireJoined(leave));
        membership = null;
    }

    private void onSignal(ClientMessage.Signal signal) throws ProtocolException {
        Membership m = requireJoined(signal);
        roomCall(signal, () -> {
            rooms.relay(m, signal.to(), signal.payload());
            return null;
        });
    }

    private void onState(ClientMessage.State state) throws ProtocolException {
        Membership m = requireJoined(state);
        if (state.screenSharing() != null && state.screenSharing() != screenSharing) {
            if (!budgets.tryAcquire(MessageBudgets.SCREEN_SHARE, nanoTime.getAsLong())) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED,
                        "Screen sharing started and stopped too often; slow down (dropped)", state.ref());
            }
            screenSharing = state.screenSharing();
        }
        rooms.updateState(m,
                new StatePatch(state.audioMuted(), state.videoMuted(), state.screenSharing(), state.handRaised()));
    }

    private void onChat(ClientMessage.Chat chat) throws ProtocolException {
        Membership m = requireJoined(chat);
        roomCall(chat, () -> rooms.chat(m, chat.text()));
    }

    private void onChatHistory(ClientMessage.ChatHistory history) throws ProtocolException {
        Membership m = requireJoined(history);
        ChatPage page = ChatPage.newest(roomCall(history, () -> rooms.chatBefore(m, history.before())), codec);
        send(new ServerMessage.ChatHistory(page.messages(), page.more(), history.ref()));
    }

    private void onSfuConnect(ClientMessage.SfuConnect connect) throws ProtocolException {
        Membership m = requireJoined(connect);
        if (rooms.topology(m) != Topology.SFU) {
            throw new ProtocolException(ErrorCode.SFU_UNAVAILABLE, "This room is peer to peer", connect.ref());
        }
        if (!sfu.connect(m)) {
            throw new ProtocolException(ErrorCode.SFU_UNAVAILABLE, "The SFU cannot take this connection now",
                    connect.ref());
        }
    }

    private void onSfuAnswer(ClientMessage.SfuAnswer answer) throws ProtocolException {
        Membership m = requireJoined(answer);
        sfu.answer(m, answer.version(), answer.sdp()).whenComplete((refusal, error) -> {
            if (error != null) {
                log.warn("The SFU failed on an answer", error);
                sendError(ErrorCode.INTERNAL, "Internal server error; the answer was dropped", answer.ref());
            } else if (refusal != null) {
                sendError(refusal.code(), refusal.message(), answer.ref());
            }
        });
    }

    private ServerMessage.Joined joined(JoinGrant grant) {
        String id = grant.membership().participantId();
        ChatPage chat = ChatPage.newest(grant.chat(), codec);
        return new ServerMessage.Joined(id, grant.membership().room().value(), grant.name(), grant.resumeToken(),
                grant.resumed(), grant.others(), iceServers.forParticipant(id), chat.messages(), chat.more(),
                grant.topology().wire(), rooms.config().chatTextMax(), rooms.config().roomCapacity());
    }

    private void onRateLimited() {
        droppedWhileLimited++;
        if (droppedWhileLimited == 1) {
            sendError(ErrorCode.RATE_LIMITED, "Too many messages; slow down (dropped)", null);
        } else if (droppedWhileLimited == config.rateLimitCloseAfter()) {
            close(CloseCodes.POLICY_VIOLATION, "Rate limit exceeded");
        }
    }

    private Membership requireJoined(ClientMessage message) throws ProtocolException {
        if (membership == null) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, "Send 'join' first", message.ref());
        }
        return membership;
    }

    private void requireNotJoined(ClientMessage message) throws ProtocolException {
        if (membership != null) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, "Already in room " + membership.room(), message.ref());
        }
    }

    /** Closes the socket from the server side, counted by close code. */
    private void close(int code, String reason) {
        observer.serverClose(code);
        transport.close(code, reason);
    }

    private void sendError(ErrorCode code, String message, String ref) {
        observer.protocolError(code);
        send(new ServerMessage.Error(code, message, ref));
    }

    private void send(ServerMessage message) {
        observer.messageOut(message.type());
        transport.send(codec.encode(message));
    }

    private <T> T roomCall(ClientMessage message, RoomCall<T> call) throws ProtocolException {
        try {
            return call.run();
        } catch (RoomException e) {
            throw new ProtocolException(ErrorCode.of(e.reason()), e.getMessage(), message.ref());
        }
    }

    @FunctionalInterface
    private interface RoomCall<T> {
        T run() throws RoomException;
    }
}
