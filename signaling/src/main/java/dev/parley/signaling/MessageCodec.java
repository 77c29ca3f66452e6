package dev.parley.signaling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.rooms.ChatMessage;
import dev.parley.rooms.ParticipantState;
import dev.parley.rooms.ParticipantView;
import dev.parley.rooms.StatePatch;
import java.util.List;
import java.util.Locale;

/**
 * JSON codec for the signaling protocol: strict decoding of {@link ClientMessage}s with a protocol error code for
 * every way a frame can be wrong, and encoding of {@link ServerMessage}s. Thread-safe and stateless.
 */
public final class MessageCodec {

    /** The protocol version this server speaks. */
    public static final int VERSION = 1;
    static final int REF_MAX = 64;
    static final int ID_MAX = 64;
    private static final int NESTING_MAX = 32;
    /** An SDP answer fits in a frame (64 KiB) with room for the envelope. */
    static final int SDP_MAX = 60_000;

    private final ObjectMapper mapper;

    public MessageCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(NESTING_MAX)
                        .maxStringLength(1 << 17)
                        .maxNumberLength(32)
                        .build())
                .build();
        mapper = new ObjectMapper(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses one client frame. */
    public ClientMessage decode(String text) throws ProtocolException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "Frame is not valid JSON", null);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "Frame is not a JSON object", null);
        }
        Fields f = new Fields(object);
        String ref = f.optionalString("ref", REF_MAX);
        f.ref = ref;
        // No length bound of its own: any string that is not a client type is unknown-type (clipped in the message).
        String type = f.requiredString("type", Integer.MAX_VALUE);
        return switch (type) {
            case "join" -> new ClientMessage.Join(f.requiredString("room", 256), f.requiredString("name", 256),
                    f.requiredInt("version"), f.optionalState("state"), ref);
            case "resume" -> new ClientMessage.Resume(f.requiredString("token", ID_MAX), ref);
            case "leave" -> new ClientMessage.Leave(ref);
            case "signal" -> new ClientMessage.Signal(f.requiredString("to", ID_MAX), f.requiredObject("payload"), ref);
            case "state" -> new ClientMessage.State(f.optionalBoolean("audioMuted"), f.optionalBoolean("videoMuted"),
                    f.optionalBoolean("screenSharing"), f.optionalBoolean("handRaised"), ref);
            case "chat" -> new ClientMessage.Chat(f.requiredString("text", 1 << 16), ref);
            case "ping" -> new ClientMessage.Ping(ref);
            case "sfu-connect" -> new ClientMessage.SfuConnect(ref);
            case "sfu-answer" -> new ClientMessage.SfuAnswer(f.requiredInt("version"), f.requiredString("sdp", SDP_MAX), ref);
            case "get-ice-servers" -> new ClientMessage.GetIceServers(ref);
            case "chat-history" -> new ClientMessage.ChatHistory(f.optionalString("before", ID_MAX), ref);
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "Unknown message type '" + printable(type) + "'", ref);
        };
    }

    /** Serializes one server message to a JSON text frame. */
    public String encode(ServerMessage message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", message.type());
        switch (message) {
            case ServerMessage.Joined j -> {
                node.put("id", j.id()).put("room", j.room()).put("name", j.name())
                        .put("resumeToken", j.resumeToken()).put("resumed", j.resumed());
                ArrayNode participants = node.putArray("participants");
                j.participants().forEach(p -> participants.add(participant(p)));
                node.set("iceServers", iceServers(j.iceServers()));
                ArrayNode chat = node.putArray("chat");
                j.chat().forEach(m -> chat.add(chatMessage(m)));
                node.put("chatMore", j.chatMore());
                node.put("topology", j.topology());
                node.putObject("limits").put("chatTextMax", j.chatTextMax()).put("roomCapacity", j.roomCapacity());
            }
            case ServerMessage.ParticipantJoined p -> node.set("participant", participant(p.participant()));
            case ServerMessage.ParticipantUpdated p -> node.set("participant", participant(p.participant()));
            case ServerMessage.ParticipantLeft p ->
                    node.put("id", p.id()).put("reason", p.reason().name().toLowerCase(Locale.ROOT));
            case ServerMessage.Signal s -> {
                node.put("from", s.from());
                node.set("payload", s.payload() instanceof JsonNode json ? json : mapper.valueToTree(s.payload()));
            }
            case ServerMessage.Chat c -> node.set("message", chatMessage(c.message()));
            case ServerMessage.ChatHistory h -> {
                ArrayNode messages = node.putArray("messages");
                h.messages().forEach(m -> messages.add(chatMessage(m)));
                node.put("more", h.more());
                if (h.ref() != null) {
                    node.put("ref", h.ref());
                }
            }
            case ServerMessage.Pong p -> node.put("ts", p.ts());
            case ServerMessage.IceServers i -> {
                node.set("iceServers", iceServers(i.iceServers()));
                if (i.ref() != null) {
                    node.put("ref", i.ref());
                }
            }
            case ServerMessage.ServerShutdown s -> node.put("message", s.message());
            case ServerMessage.TopologyChanged t -> node.put("topology", t.topology());
            case ServerMessage.SfuOffer o -> {
                node.put("version", o.version()).put("sdp", o.sdp());
                ObjectNode slots = node.putObject("slots");
                o.slots().forEach(slots::put);
                ArrayNode tracks = node.putArray("tracks");
                for (ServerMessage.SfuTrack t : o.tracks()) {
                    tracks.addObject().put("mid", t.mid()).put("participant", t.participant()).put("source", t.source());
                }
            }
            case ServerMessage.Error e -> {
                node.put("code", e.code().wire()).put("message", e.message());
                if (e.ref() != null) {
                    node.put("ref", e.ref());
                }
            }
        }
        return node.toString();
    }

    private ObjectNode participant(ParticipantView view) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", view.id()).put("name", view.name()).put("connected", view.connected());
        ParticipantState s = view.state();
        node.putObject("state").put("audioMuted", s.audioMuted()).put("videoMuted", s.videoMuted())
                .put("screenSharing", s.screenSharing()).put("handRaised", s.handRaised());
        return node;
    }

    /** The bytes {@code m} takes in a frame (its UTF-8 JSON object and a separating comma). */
    public int encodedSize(ChatMessage m) {
        return chatMessage(m).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }

    private ObjectNode chatMessage(ChatMessage m) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", m.id()).put("from", m.from()).put("name", m.name()).put("text", m.text()).put("ts", m.ts());
        return node;
    }

    private ArrayNode iceServers(List<IceServer> servers) {
        ArrayNode array = mapper.createArrayNode();
        for (IceServer server : servers) {
            ObjectNode node = array.addObject();
            ArrayNode urls = node.putArray("urls");
            server.urls().forEach(urls::add);
            if (server.username() != null) {
                node.put("username", server.username());
            }
            if (server.credential() != null) {
                node.put("credential", server.credential());
            }
        }
        return array;
    }

    /**
     * Clips client text to 32 code points and replaces control, format (bidi overrides) and line-separator characters
     * before echoing it in an error message.
     */
    static String printable(String text) {
        String clipped = text.codePointCount(0, text.length()) > 32
                ? text.substring(0, text.offsetByCodePoints(0, 32)) + "…"
                : text;
        return clipped.replaceAll("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]", "?");
    }

    /** Typed field access on one client object, with a protocol error for each way a field can be wrong. */
    private static final class Fields {
        private final ObjectNode node;
        String ref;

        Fields(ObjectNode node) {
            this.node = node;
        }

        String optionalString(String name, int max) throws ProtocolException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw bad("'" + name + "' must be a string");
            }
            if (value.textValue().length() > max) {
                throw bad("'" + name + "' is longer than " + max + " characters");
            }
            return value.textValue();
        }

        String requiredString(String name, int max) throws ProtocolException {
            String value = optionalString(name, max);
            if (value == null) {
                throw bad("'" + name + "' is required");
            }
            return value;
        }

        int requiredInt(String name) throws ProtocolException {
            JsonNode value = node.get(name);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
                throw bad("'" + name + "' must be an integer");
            }
            return value.intValue();
        }

        Boolean optionalBoolean(String name) throws ProtocolException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw bad("'" + name + "' must be true or false");
            }
            return value.booleanValue();
        }

        StatePatch optionalState(String name) throws ProtocolException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!(value instanceof ObjectNode object)) {
                throw bad("'" + name + "' must be a JSON object");
            }
            Fields state = new Fields(object);
            state.ref = ref;
            return new StatePatch(state.optionalBoolean("audioMuted"), state.optionalBoolean("videoMuted"),
                    state.optionalBoolean("screenSharing"), state.optionalBoolean("handRaised"));
        }

        ObjectNode requiredObject(String name) throws ProtocolException {
            JsonNode value = node.get(name);
            if (!(value instanceof ObjectNode object)) {
                throw bad("'" + name + "' must be a JSON object");
            }
            return object;
        }

        private ProtocolException bad(String message) {
            return new ProtocolException(ErrorCode.BAD_MESSAGE, message, ref);
        }
    }
}
