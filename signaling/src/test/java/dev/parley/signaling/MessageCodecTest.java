package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.rooms.ChatMessage;
import dev.parley.rooms.LeaveReason;
import dev.parley.rooms.ParticipantState;
import dev.parley.rooms.ParticipantView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageCodec codec = new MessageCodec();

    // ---- decoding valid client messages ----

    static Stream<Arguments> validFrames() throws Exception {
        ObjectNode sdp = (ObjectNode) JSON.readTree("{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}");
        return Stream.of(
                Arguments.of("{\"type\":\"join\",\"room\":\"daily-standup\",\"name\":\"Ada\",\"version\":1}",
                        new ClientMessage.Join("daily-standup", "Ada", 1, null, null)),
                Arguments.of("{\"type\":\"join\",\"room\":\"R\",\"name\":\" Ada \",\"version\":7}",
                        new ClientMessage.Join("R", " Ada ", 7, null, null)),
                Arguments.of("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1,\"state\":{\"audioMuted\":true}}",
                        new ClientMessage.Join("r", "Ada", 1, new dev.parley.rooms.StatePatch(true, null, null, null), null)),
                Arguments.of("{\"type\":\"resume\",\"token\":\"tok-123\"}", new ClientMessage.Resume("tok-123", null)),
                Arguments.of("{\"type\":\"leave\"}", new ClientMessage.Leave(null)),
                Arguments.of("{\"type\":\"signal\",\"to\":\"peer\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}}",
                        new ClientMessage.Signal("peer", sdp, null)),
                Arguments.of("{\"type\":\"state\",\"audioMuted\":true,\"videoMuted\":false,\"screenSharing\":true,\"handRaised\":false}",
                        new ClientMessage.State(true, false, true, false, null)),
                Arguments.of("{\"type\":\"state\",\"handRaised\":true}", new ClientMessage.State(null, null, null, true, null)),
                Arguments.of("{\"type\":\"state\",\"audioMuted\":null}", new ClientMessage.State(null, null, null, null, null)),
                Arguments.of("{\"type\":\"chat\",\"text\":\"hello <b>world</b>\"}", new ClientMessage.Chat("hello <b>world</b>", null)),
                Arguments.of("{\"type\":\"ping\"}", new ClientMessage.Ping(null)),
                Arguments.of("{\"type\":\"get-ice-servers\",\"ref\":\"t1\"}", new ClientMessage.GetIceServers("t1")),
                Arguments.of("{\"type\":\"sfu-connect\"}", new ClientMessage.SfuConnect(null)),
                Arguments.of("{\"type\":\"sfu-answer\",\"version\":3,\"sdp\":\"v=0\\r\\n\"}",
                        new ClientMessage.SfuAnswer(3, "v=0\r\n", null)),
                // unknown fields are ignored so later versions can add fields
                Arguments.of("{\"type\":\"ping\",\"future\":{\"x\":[1,2]},\"n\":3}", new ClientMessage.Ping(null)),
                Arguments.of("  {\"ref\":null,\"type\":\"leave\"}\n", new ClientMessage.Leave(null)));
    }

    @ParameterizedTest
    @MethodSource("validFrames")
    void everyClientMessageDecodesWithItsFields(String frame, ClientMessage expected) throws Exception {
        assertThat(codec.decode(frame)).isEqualTo(expected);
    }

    static Stream<String> oneFramePerType() {
        return Stream.of(
                "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1,",
                "{\"type\":\"resume\",\"token\":\"t\",",
                "{\"type\":\"leave\",",
                "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{},",
                "{\"type\":\"state\",\"audioMuted\":true,",
                "{\"type\":\"chat\",\"text\":\"hi\",",
                "{\"type\":\"ping\",");
    }

    @ParameterizedTest
    @MethodSource("oneFramePerType")
    void refIsCarriedOnEveryMessageType(String head) throws Exception {
        ClientMessage message = codec.decode(head + "\"ref\":\"req-7\"}");
        assertThat(message.ref()).isEqualTo("req-7");
    }

    @Test
    void refOfSixtyFourCharactersIsAccepted() throws Exception {
        String ref = "r".repeat(64);
        assertThat(codec.decode("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}").ref()).isEqualTo(ref);
    }

    @Test
    void signalPayloadIsKeptAsTheClientsObject() throws Exception {
        ClientMessage.Signal signal = (ClientMessage.Signal) codec.decode(
                "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{\"candidate\":{\"sdpMid\":\"0\",\"n\":[1,true,null]}}}");
        assertThat(signal.payload()).isEqualTo(JSON.readTree("{\"candidate\":{\"sdpMid\":\"0\",\"n\":[1,true,null]}}"));
    }

    @Test
    void nestingOfThirtyTwoLevelsIsAccepted() throws Exception {
        // root object (1) + payload (2) + 30 arrays = 32 levels
        String frame = "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}}";
        assertThat(codec.decode(frame)).isInstanceOf(ClientMessage.Signal.class);
    }

    // ---- bad-json ----

    static Stream<Arguments> notJsonObjects() {
        return Stream.of(
                Arguments.of("not JSON", "hello"),
                Arguments.of("JSON array", "[{\"type\":\"ping\"}]"),
                Arguments.of("JSON string", "\"{\\\"type\\\":\\\"ping\\\"}\""),
                Arguments.of("JSON number", "42"),
                Arguments.of("JSON null", "null"),
                Arguments.of("empty frame", ""),
                Arguments.of("trailing garbage", "{\"type\":\"ping\"} x"),
                Arguments.of("two objects", "{\"type\":\"ping\"}{\"type\":\"ping\"}"),
                Arguments.of("truncated object", "{\"type\":\"ping\""),
                Arguments.of("duplicate keys", "{\"type\":\"ping\",\"type\":\"leave\"}"),
                Arguments.of("duplicate nested keys", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{\"a\":1,\"a\":2}}"),
                Arguments.of("nesting deeper than 32",
                        "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}}"),
                Arguments.of("single quotes", "{'type':'ping'}"),
                Arguments.of("comment", "{\"type\":\"ping\" /* hi */}"),
                Arguments.of("number longer than 32 digits",
                        "{\"type\":\"join\",\"room\":\"r\",\"name\":\"n\",\"version\":" + "1".repeat(40) + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notJsonObjects")
    void frameThatIsNotAJsonObjectIsBadJson(String why, String frame) {
        assertThat(decodeError(frame).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    // ---- bad-message ----

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("missing type", "{\"ref\":\"1\"}"),
                Arguments.of("type null", "{\"type\":null}"),
                Arguments.of("type a number", "{\"type\":1}"),
                Arguments.of("type an object", "{\"type\":{\"name\":\"ping\"}}"),
                Arguments.of("type an array", "{\"type\":[\"ping\"]}"),
                Arguments.of("type a boolean", "{\"type\":true}"),
                Arguments.of("sfu-answer without sdp", "{\"type\":\"sfu-answer\",\"version\":1}"),
                Arguments.of("sfu-answer version a string", "{\"type\":\"sfu-answer\",\"version\":\"1\",\"sdp\":\"v=0\"}"),
                Arguments.of("sfu-answer sdp over 60000 characters",
                        "{\"type\":\"sfu-answer\",\"version\":1,\"sdp\":\"" + "a".repeat(60_001) + "\"}"),
                Arguments.of("join without room", "{\"type\":\"join\",\"name\":\"Ada\",\"version\":1}"),
                Arguments.of("join without name", "{\"type\":\"join\",\"room\":\"r\",\"version\":1}"),
                Arguments.of("join without version", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\"}"),
                Arguments.of("join room a number", "{\"type\":\"join\",\"room\":5,\"name\":\"Ada\",\"version\":1}"),
                Arguments.of("join name an array", "{\"type\":\"join\",\"room\":\"r\",\"name\":[\"Ada\"],\"version\":1}"),
                Arguments.of("join version a string", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":\"1\"}"),
                Arguments.of("join version a fraction", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1.0}"),
                Arguments.of("join version a boolean", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":true}"),
                Arguments.of("join version over int", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":2147483648}"),
                Arguments.of("join version infinite", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1e999999}"),
                Arguments.of("join room over 256", "{\"type\":\"join\",\"room\":\"" + "r".repeat(257) + "\",\"name\":\"Ada\",\"version\":1}"),
                Arguments.of("join name over 256", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + "n".repeat(257) + "\",\"version\":1}"),
                Arguments.of("resume without token", "{\"type\":\"resume\"}"),
                Arguments.of("resume token a number", "{\"type\":\"resume\",\"token\":12345}"),
                Arguments.of("resume token over 64", "{\"type\":\"resume\",\"token\":\"" + "t".repeat(65) + "\"}"),
                Arguments.of("signal without to", "{\"type\":\"signal\",\"payload\":{}}"),
                Arguments.of("signal to over 64", "{\"type\":\"signal\",\"to\":\"" + "p".repeat(65) + "\",\"payload\":{}}"),
                Arguments.of("signal without payload", "{\"type\":\"signal\",\"to\":\"p\"}"),
                Arguments.of("signal payload a string", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":\"v=0\"}"),
                Arguments.of("signal payload an array", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":[{}]}"),
                Arguments.of("signal payload null", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":null}"),
                Arguments.of("signal payload a number", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":1}"),
                Arguments.of("state boolean as string", "{\"type\":\"state\",\"audioMuted\":\"true\"}"),
                Arguments.of("state boolean as number", "{\"type\":\"state\",\"videoMuted\":0}"),
                Arguments.of("state boolean as object", "{\"type\":\"state\",\"screenSharing\":{}}"),
                Arguments.of("state handRaised as string", "{\"type\":\"state\",\"handRaised\":\"false\"}"),
                Arguments.of("chat without text", "{\"type\":\"chat\"}"),
                Arguments.of("chat text a number", "{\"type\":\"chat\",\"text\":1}"),
                Arguments.of("chat text over 65536", "{\"type\":\"chat\",\"text\":\"" + "x".repeat(65_537) + "\"}"),
                Arguments.of("ref over 64", "{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}"),
                Arguments.of("ref a number", "{\"type\":\"ping\",\"ref\":7}"),
                Arguments.of("ref an object", "{\"type\":\"ping\",\"ref\":{}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void missingMistypedOrOversizedFieldIsBadMessage(String why, String frame) {
        assertThat(decodeError(frame).code()).isEqualTo(ErrorCode.BAD_MESSAGE);
    }

    @Test
    void badMessageErrorCarriesTheRef() {
        ProtocolException e = decodeError("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":\"1\",\"ref\":\"42\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(e.ref()).isEqualTo("42");
        assertThat(e.getMessage()).contains("version");
    }

    @Test
    void missingTypeErrorCarriesTheRef() {
        ProtocolException e = decodeError("{\"ref\":\"9\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(e.ref()).isEqualTo("9");
    }

    @Test
    void refThatIsItselfInvalidIsNotEchoed() {
        ProtocolException e = decodeError("{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(e.ref()).isNull();
    }

    // ---- unknown-type ----

    @ParameterizedTest
    @ValueSource(strings = {"hello", "JOIN", "Ping", "join ", "", "participant-joined", "error"})
    void typeThatIsNoClientMessageIsUnknownType(String type) {
        ProtocolException e = decodeError("{\"type\":\"" + type + "\",\"ref\":\"5\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.ref()).isEqualTo("5");
    }

    @Test
    void longUnknownTypeIsClippedInTheErrorMessage() {
        ProtocolException e = decodeError("{\"type\":\"" + "A".repeat(5_000) + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("A".repeat(32) + "…").doesNotContain("A".repeat(33));
        assertThat(e.getMessage().length()).isLessThan(80);
    }

    @Test
    void controlCharactersOfAnUnknownTypeAreReplacedInTheErrorMessage() {
        // JSON escapes for NUL, ESC, newline, DEL, NEL (C1), RIGHT-TO-LEFT OVERRIDE and LINE SEPARATOR
        ProtocolException e = decodeError("{\"type\":\"a\\u0000b\\u001b[31mc\\nd\\u007fe\\u0085f\\u202eg\\u2028h\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("a?b?[31mc?d?e?f?g?h");
        assertThat(e.getMessage().chars()).noneMatch(c -> Character.isISOControl(c) || c == 0x202E || c == 0x2028);
    }

    @Test
    void clippingAnUnknownTypeNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
        ProtocolException e = decodeError("{\"type\":\"x" + emoji.repeat(40) + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("x" + emoji.repeat(31) + "…");
        assertThat(isWellFormedUtf16(e.getMessage())).isTrue();
    }

    private static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    // ---- hostile input ----

    static Stream<Arguments> hostileFrames() {
        String mebibyte = "a".repeat(1 << 20);
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("white space only", " \t\r\n "),
                Arguments.of("1 MiB of letters", mebibyte),
                Arguments.of("1 MiB JSON string", "\"" + mebibyte + "\""),
                Arguments.of("1 MiB chat text", "{\"type\":\"chat\",\"text\":\"" + mebibyte + "\"}"),
                Arguments.of("1 MiB field name", "{\"" + mebibyte + "\":1,\"type\":\"ping\",\"x\":}"),
                Arguments.of("unicode outside JSON", "ÿ€😀日本語"),
                Arguments.of("unicode type", "{\"type\":\"日本語😀\"}"),
                Arguments.of("NUL bytes", "\u0000\u0000\u0000"),
                Arguments.of("raw NUL inside a string", "{\"type\":\"ping\u0000\"}"),
                Arguments.of("NUL after object", "{\"type\":\"ping\"}\u0000"),
                Arguments.of("byte order mark then garbage", "\uFEFF{"),
                Arguments.of("lone surrogate", "\uD800"),
                Arguments.of("100k nested arrays", "[".repeat(100_000)),
                Arguments.of("100k nested arrays closed", "[".repeat(100_000) + "]".repeat(100_000)),
                Arguments.of("10k nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
                Arguments.of("deep payload", "{\"type\":\"signal\",\"to\":\"p\",\"payload\":" + "{\"a\":".repeat(5_000) + "}"),
                Arguments.of("10k-digit number", "{\"type\":\"join\",\"version\":" + "9".repeat(10_000) + "}"),
                Arguments.of("NaN", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"n\",\"version\":NaN}"),
                Arguments.of("huge exponent", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"n\",\"version\":1e2147483647}"),
                Arguments.of("negative zero version", "{\"type\":\"join\",\"room\":\"r\",\"name\":\"n\",\"version\":-0.0}"),
                Arguments.of("bad escape", "{\"type\":\"\\uZZZZ\"}"),
                Arguments.of("unterminated string", "{\"type\":\"ping"),
                Arguments.of("only a brace", "{"),
                Arguments.of("many keys", "{" + "\"k\":1,".repeat(50_000) + "\"type\":\"ping\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFrames")
    void hostileFrameYieldsProtocolExceptionAndNothingElse(String why, String frame) {
        Throwable thrown = catchThrowable(() -> codec.decode(frame));
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        ProtocolException e = (ProtocolException) thrown;
        assertThat(e.code()).isIn(ErrorCode.BAD_JSON, ErrorCode.BAD_MESSAGE, ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void mutatedValidFramesYieldAMessageOrProtocolException() {
        // Deterministic complement to MessageCodecFuzzTest, which only replays its seeds in a plain test run.
        List<String> seeds = List.of(
                "{\"type\":\"join\",\"room\":\"daily-standup\",\"name\":\"Ada\",\"version\":1,\"ref\":\"1\"}",
                "{\"type\":\"resume\",\"token\":\"q3vAAAAAAAAAAAAAAAAAAA\"}",
                "{\"type\":\"signal\",\"to\":\"p\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"c\":[1,2.5,null]}}",
                "{\"type\":\"state\",\"audioMuted\":true,\"videoMuted\":false,\"handRaised\":null}",
                "{\"type\":\"chat\",\"text\":\"h\\u00e9llo \\ud83d\\ude00\"}",
                "{\"type\":\"leave\"}",
                "{\"type\":\"ping\",\"ref\":\"x\"}");
        String alphabet = "{}[]\":,\\ 0123456789-+.eEtrufalsn\u0000\u001f\u007f\u00e9\ud83d\ude00\ud800";
        java.util.Random random = new java.util.Random(20_260_101L);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder frame = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && frame.length() > 0; e++) {
                int at = random.nextInt(frame.length());
                switch (random.nextInt(5)) {
                    case 0 -> frame.deleteCharAt(at);
                    case 1 -> frame.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> frame.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 3 -> frame.insert(at, frame.substring(at, Math.min(frame.length(), at + random.nextInt(16))));
                    default -> frame.setLength(at);
                }
            }
            String text = frame.toString();
            try {
                ClientMessage message = codec.decode(text);
                assertThat(message.type()).as(text).isIn("join", "resume", "leave", "signal", "state", "chat", "ping");
                decoded++;
            } catch (ProtocolException e) {
                assertThat(e.code()).as(text).isNotNull();
            } catch (RuntimeException e) {
                throw new AssertionError("decode threw " + e + " for: " + text, e);
            }
        }
        assertThat(decoded).as("mutations still decoding").isPositive();
    }

    // ---- encoding server messages ----

    private static final ParticipantView BOB = new ParticipantView("bob-id", "Bob", true,
            new ParticipantState(true, false, true, false));
    private static final ChatMessage HI = new ChatMessage("m1", "bob-id", "Bob", "hi <b>", 1_764_090_000_000L);

    @Test
    void joinedEncodesEveryDocumentedField() throws Exception {
        ServerMessage.Joined joined = new ServerMessage.Joined("ada-id", "daily-standup", "Ada (2)", "tok", false,
                List.of(BOB),
                List.of(new IceServer(List.of("stun:example.org:3478"), null, null),
                        new IceServer(List.of("turn:example.org:3478?transport=udp", "turns:example.org:5349"), "u", "p")),
                List.of(HI), true, "p2p", 4096, 16);

        JsonNode json = encode(joined);

        assertThat(json.get("type").asText()).isEqualTo("joined");
        assertThat(json.get("id").asText()).isEqualTo("ada-id");
        assertThat(json.get("room").asText()).isEqualTo("daily-standup");
        assertThat(json.get("name").asText()).isEqualTo("Ada (2)");
        assertThat(json.get("resumeToken").asText()).isEqualTo("tok");
        assertThat(json.get("resumed").isBoolean()).isTrue();
        assertThat(json.get("resumed").booleanValue()).isFalse();
        assertThat(json.get("participants")).hasSize(1);
        assertParticipant(json.get("participants").get(0), BOB);
        JsonNode ice = json.get("iceServers");
        assertThat(ice).hasSize(2);
        assertThat(ice.get(0).get("urls").isArray()).isTrue();
        assertThat(ice.get(0).get("urls").get(0).asText()).isEqualTo("stun:example.org:3478");
        assertThat(ice.get(0).has("username")).isFalse();
        assertThat(ice.get(0).has("credential")).isFalse();
        assertThat(ice.get(1).get("urls")).extracting(JsonNode::asText)
                .containsExactly("turn:example.org:3478?transport=udp", "turns:example.org:5349");
        assertThat(ice.get(1).get("username").asText()).isEqualTo("u");
        assertThat(ice.get(1).get("credential").asText()).isEqualTo("p");
        assertThat(json.get("chat")).hasSize(1);
        assertChatMessage(json.get("chat").get(0), HI);
        assertThat(json.get("chatMore").booleanValue()).isTrue();
        assertThat(json.get("topology").asText()).isEqualTo("p2p");
        assertThat(json.get("limits").get("chatTextMax").intValue()).isEqualTo(4096);
        assertThat(json.get("limits").get("roomCapacity").intValue()).isEqualTo(16);
    }

    @Test
    void joinedWithNobodyElseHasEmptyArrays() throws Exception {
        JsonNode json = encode(new ServerMessage.Joined("a", "r", "Ada", "t", true, List.of(), List.of(), List.of(),
                false, "p2p", 4096, 16));
        assertThat(json.get("resumed").booleanValue()).isTrue();
        for (String field : new String[] {"participants", "iceServers", "chat"}) {
            assertThat(json.get(field).isArray()).as(field).isTrue();
            assertThat(json.get(field)).as(field).isEmpty();
        }
    }

    @Test
    void participantJoinedAndUpdatedCarryTheParticipant() throws Exception {
        JsonNode joined = encode(new ServerMessage.ParticipantJoined(BOB));
        assertThat(joined.get("type").asText()).isEqualTo("participant-joined");
        assertParticipant(joined.get("participant"), BOB);

        ParticipantView gone = new ParticipantView("bob-id", "Bob", false, new ParticipantState(false, true, false, true));
        JsonNode updated = encode(new ServerMessage.ParticipantUpdated(gone));
        assertThat(updated.get("type").asText()).isEqualTo("participant-updated");
        assertParticipant(updated.get("participant"), gone);
    }

    @ParameterizedTest
    @EnumSource(LeaveReason.class)
    void participantLeftCarriesIdAndLowerCaseReason(LeaveReason reason) throws Exception {
        JsonNode json = encode(new ServerMessage.ParticipantLeft("bob-id", reason));
        assertThat(json.get("type").asText()).isEqualTo("participant-left");
        assertThat(json.get("id").asText()).isEqualTo("bob-id");
        assertThat(json.get("reason").asText()).isEqualTo(switch (reason) {
            case LEFT -> "left";
            case TIMEOUT -> "timeout";
        });
    }

    @Test
    void signalCarriesFromAndThePayloadUntouched() throws Exception {
        JsonNode payload = JSON.readTree("{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"},\"n\":[1,null,true]}");
        JsonNode json = encode(new ServerMessage.Signal("ada-id", payload));
        assertThat(json.get("type").asText()).isEqualTo("signal");
        assertThat(json.get("from").asText()).isEqualTo("ada-id");
        assertThat(json.get("payload")).isEqualTo(payload);
    }

    @Test
    void signalWithAPlainJavaPayloadEncodesAsJson() throws Exception {
        JsonNode json = encode(new ServerMessage.Signal("ada-id", Map.of("candidate", "c", "n", 3)));
        assertThat(json.get("payload").get("candidate").asText()).isEqualTo("c");
        assertThat(json.get("payload").get("n").intValue()).isEqualTo(3);
    }

    @Test
    void chatCarriesTheMessage() throws Exception {
        JsonNode json = encode(new ServerMessage.Chat(HI));
        assertThat(json.get("type").asText()).isEqualTo("chat");
        assertChatMessage(json.get("message"), HI);
    }

    @Test
    void pongCarriesTheTimeInMillis() throws Exception {
        JsonNode json = encode(new ServerMessage.Pong(1_764_090_000_123L));
        assertThat(json.get("type").asText()).isEqualTo("pong");
        assertThat(json.get("ts").isIntegralNumber()).isTrue();
        assertThat(json.get("ts").longValue()).isEqualTo(1_764_090_000_123L);
    }

    @Test
    void serverShutdownCarriesTheMessage() throws Exception {
        JsonNode json = encode(new ServerMessage.ServerShutdown("Parley is shutting down"));
        assertThat(json.get("type").asText()).isEqualTo("server-shutdown");
        assertThat(json.get("message").asText()).isEqualTo("Parley is shutting down");
    }

    @Test
    void errorCarriesCodeMessageAndRef() throws Exception {
        JsonNode json = encode(new ServerMessage.Error(ErrorCode.ROOM_FULL, "Room is full (16 participants)", "7"));
        assertThat(json.get("type").asText()).isEqualTo("error");
        assertThat(json.get("code").asText()).isEqualTo("room-full");
        assertThat(json.get("message").asText()).isEqualTo("Room is full (16 participants)");
        assertThat(json.get("ref").asText()).isEqualTo("7");
    }

    @Test
    void sfuOfferCarriesVersionSdpSlotsAndTracks() throws Exception {
        JsonNode json = encode(new ServerMessage.SfuOffer(4, "v=0\r\n", java.util.Map.of("audio", "0"),
                List.of(new ServerMessage.SfuTrack("3", "p1", "camera"))));
        assertThat(json.get("type").asText()).isEqualTo("sfu-offer");
        assertThat(json.get("version").asInt()).isEqualTo(4);
        assertThat(json.get("sdp").asText()).isEqualTo("v=0\r\n");
        assertThat(json.get("slots").get("audio").asText()).isEqualTo("0");
        assertThat(json.get("tracks").get(0).get("mid").asText()).isEqualTo("3");
        assertThat(json.get("tracks").get(0).get("participant").asText()).isEqualTo("p1");
        assertThat(json.get("tracks").get(0).get("source").asText()).isEqualTo("camera");
        assertThat(encode(new ServerMessage.TopologyChanged("sfu")).get("topology").asText()).isEqualTo("sfu");
    }

    @Test
    void errorWithoutRefHasNoRefField() throws Exception {
        JsonNode json = encode(new ServerMessage.Error(ErrorCode.INTERNAL, "oops", null));
        assertThat(json.has("ref")).isFalse();
    }

    @Test
    void errorCodesAreExactlyThoseOfTheProtocol() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)).containsExactlyInAnyOrder(
                "bad-json", "bad-message", "unknown-type", "unsupported-version", "not-joined", "already-joined",
                "bad-room-name", "bad-name", "room-full", "unknown-participant", "text-too-long", "resume-failed",
                "rate-limited", "too-many-joins", "too-many-rooms", "sfu-unavailable", "bad-sdp", "internal");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeEncodesAsItsWireName(ErrorCode code) throws Exception {
        JsonNode json = encode(new ServerMessage.Error(code, "m", null));
        assertThat(json.get("code").asText()).isEqualTo(code.wire());
    }

    @Test
    void textWithQuotesControlCharactersAndUnicodeSurvivesEncoding() throws Exception {
        String nasty = "\"quoted\" \\ back\nslash \u0000 </script> 😀 \u202E";
        ChatMessage message = new ChatMessage("m", "f", "N\"ame", nasty, 1);
        JsonNode json = encode(new ServerMessage.Chat(message));
        assertThat(json.get("message").get("text").asText()).isEqualTo(nasty);
        assertThat(json.get("message").get("name").asText()).isEqualTo("N\"ame");
    }

    // ---- helpers ----

    private ProtocolException decodeError(String frame) {
        Throwable thrown = catchThrowable(() -> codec.decode(frame));
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        return (ProtocolException) thrown;
    }

    private JsonNode encode(ServerMessage message) throws Exception {
        String text = codec.encode(message);
        JsonNode json = JSON.readTree(text);
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("type").asText()).isEqualTo(message.type());
        return json;
    }

    private static void assertParticipant(JsonNode node, ParticipantView expected) {
        assertThat(node.get("id").asText()).isEqualTo(expected.id());
        assertThat(node.get("name").asText()).isEqualTo(expected.name());
        assertThat(node.get("connected").isBoolean()).isTrue();
        assertThat(node.get("connected").booleanValue()).isEqualTo(expected.connected());
        JsonNode state = node.get("state");
        assertThat(state.get("audioMuted").booleanValue()).isEqualTo(expected.state().audioMuted());
        assertThat(state.get("videoMuted").booleanValue()).isEqualTo(expected.state().videoMuted());
        assertThat(state.get("screenSharing").booleanValue()).isEqualTo(expected.state().screenSharing());
        assertThat(state.get("handRaised").booleanValue()).isEqualTo(expected.state().handRaised());
        assertThat(state.size()).isEqualTo(4);
    }

    private static void assertChatMessage(JsonNode node, ChatMessage expected) {
        assertThat(node.get("id").asText()).isEqualTo(expected.id());
        assertThat(node.get("from").asText()).isEqualTo(expected.from());
        assertThat(node.get("name").asText()).isEqualTo(expected.name());
        assertThat(node.get("text").asText()).isEqualTo(expected.text());
        assertThat(node.get("ts").longValue()).isEqualTo(expected.ts());
    }
}
