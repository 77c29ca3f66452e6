package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdp.SdpParseException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed, oversized and strange input is refused with a typed exception naming the line, never anything else. */
class HostileInputTest {

    private static final String HEADER = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

    private static SdpParseException refusal(String text) {
        return refusal(text, SdpLimits.DEFAULT);
    }

    private static SdpParseException refusal(String text, SdpLimits limits) {
        try {
            SessionDescription.parse(text, limits);
        } catch (SdpParseException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text.substring(0, Math.min(80, text.length())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m=audio", "m=audio 9", "m=audio 9 UDP/TLS/RTP/SAVPF", "m=audio x UDP/TLS/RTP/SAVPF 111",
        "m=audio 70000 UDP/TLS/RTP/SAVPF 111", "m=audio 9/2 UDP/TLS/RTP/SAVPF 111", "m=audio 9 RTP/SAVPF 128",
        "m=audio -1 RTP/SAVPF 111", "m=audio 9 RTP/SAVPF opus"})
    void mediaLineWithMissingOrBadFieldsIsRefusedAtItsLine(String mLine) {
        SdpParseException e = refusal(HEADER + mLine + "\r\n");
        assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("line 5: BAD_VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "=x", "A=b", "ab=c", "1=2", " v=0"})
    void lineThatIsNotTypeEqualsValueIsMalformed(String line) {
        SdpParseException e = refusal(HEADER + line + "\r\n");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_LINE);
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void descriptionMustStartWithVersionZero() {
        assertThat(refusal("o=- 1 1 IN IP4 0.0.0.0\r\n").reason()).isEqualTo(Reason.MISSING_LINE);
        assertThat(refusal("v=1\r\n").reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(refusal("").reason()).isEqualTo(Reason.MISSING_LINE);
        assertThat(refusal("\r\n\r\n").reason()).isEqualTo(Reason.MISSING_LINE);
    }

    @Test
    void originSessionNameAndTimingMustPrecedeMedia() {
        assertThat(refusal("v=0\r\nm=audio 9 RTP/AVP 0\r\n").reason()).isEqualTo(Reason.MISSING_LINE);
        assertThat(refusal("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n").line())
                .isEqualTo(4);
        assertThat(refusal("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n").reason()).isEqualTo(Reason.MISSING_LINE);
        assertThat(refusal("v=0\r\ns=-\r\n").reason()).isEqualTo(Reason.MISSING_LINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"o=- 1 1 IN IP4", "o=- x 1 IN IP4 0.0.0.0", "o=- 1 99999999999999999999 IN IP4 0.0.0.0"})
    void malformedOriginIsRefused(String origin) {
        assertThat(refusal("v=0\r\n" + origin + "\r\n").reason()).isEqualTo(Reason.BAD_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=mid:0\r\na=mid:1", "a=sendrecv\r\na=recvonly", "a=setup:actpass\r\na=setup:active",
        "a=ice-ufrag:abcd\r\na=ice-ufrag:efgh", "a=sctp-port:1\r\na=sctp-port:2", "a=rtpmap:96 VP8/90000\r\n"
        + "a=rtpmap:96 VP9/90000", "a=simulcast:send a\r\na=simulcast:send b"})
    void repeatedSingularAttributeIsRefused(String lines) {
        SdpParseException e = refusal(HEADER + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n" + lines + "\r\n");
        assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(e.line()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=setup:sometimes", "a=fingerprint:sha-256", "a=ssrc:1", "a=ssrc-group:FID",
        "a=extmap:x urn:y", "a=rtcp-fb:96", "a=fmtp:96", "a=msid:a b c", "a=ssrc-group:FID x", "a=mid:é",
        "a=sctp-port:99999", "a=max-message-size:-1", "a=candidate:1 1 udp", "a=rid:q", "a=simulcast:up q"})
    void malformedKnownAttributeIsRefused(String line) {
        SdpParseException e = refusal(HEADER + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n" + line + "\r\n");
        assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(e.line()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=group:BUNDLE 0 ü", "a=msid-semantic:WMS\r\na=msid-semantic:WMS", "a=ice-pwd:",
        "a=fingerprint:sha-256 XY", "a=extmap:1", "c=IN IP4", "t=0"})
    void malformedSessionAttributeIsRefused(String lines) {
        String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n" + (lines.startsWith("t=") ? "" : "t=0 0\r\n")
                + lines + "\r\n";
        assertThat(refusal(text).reason()).isEqualTo(Reason.BAD_VALUE);
    }

    @Test
    void megabyteLineIsRefusedByTheTotalSizeLimit() {
        String text = HEADER + "a=x:" + "A".repeat(1 << 20) + "\r\n";
        SdpParseException e = refusal(text);
        assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).contains("characters");
    }

    @Test
    void megabyteLineIsRefusedAtItsLineWhenTheTotalIsAllowed() {
        SdpLimits roomy = new SdpLimits(4 << 20, 8192, 4096);
        SdpParseException e = refusal(HEADER + "a=x:" + "A".repeat(1 << 20) + "\r\n", roomy);
        assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void millionLinesAreRefusedAtTheLineLimit() {
        String million = HEADER + "a=x\n".repeat(1_000_000);
        assertThat(refusal(million).reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
        SdpLimits roomy = new SdpLimits(8 << 20, 8192, 4096);
        SdpParseException e = refusal(million, roomy);
        assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
        assertThat(e.line()).isEqualTo(8193);
    }

    @Test
    void millionBlankLinesCountAgainstTheLimit() {
        SdpLimits roomy = new SdpLimits(8 << 20, 8192, 4096);
        assertThat(refusal(HEADER + "\n".repeat(1_000_000), roomy).line()).isEqualTo(8193);
    }

    @Test
    void textAtExactlyTheLimitsIsAccepted() throws SdpParseException {
        String line = "a=x:" + "A".repeat(96);
        String text = HEADER + line + "\r\n";
        SessionDescription d = SessionDescription.parse(text, new SdpLimits(text.length(), 5, 100));
        assertThat(d.otherAttributes()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=x:\u0000", "a=x:a\u0007b", "a=x:\u007f", "a=x:a\rb"})
    void controlCharactersAreRefused(String line) {
        SdpParseException e = refusal(HEADER + line + "\r\n");
        assertThat(e.reason()).isEqualTo(Reason.BAD_CHARACTER);
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void nonAsciiIsKeptInFreeTextButRefusedInNumbersAndTokens() throws SdpParseException {
        SessionDescription d = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=会议 🎥\r\nt=0 0\r\n"
                + "a=x-note:ünïcödé\r\n");
        assertThat(d.sessionName()).isEqualTo("会议 🎥");
        assertThat(d.otherAttributes()).containsExactly(new Attribute("x-note", "ünïcödé"));
        assertThat(SessionDescription.parse(d.encode())).isEqualTo(d);
        // Arabic-Indic digits are digits to Character.isDigit, not to SDP.
        assertThat(refusal(HEADER + "m=audio ٩ RTP/AVP 0\r\n").reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(refusal(HEADER + "m=audio 9 RTP/AVP 0\r\na=ice-ufrag:ü1234\r\n").reason())
                .isEqualTo(Reason.BAD_VALUE);
    }

    @Test
    void truncationsOfABrowserOfferParseOrFailWithParseException() {
        String text = Fixtures.text(Fixtures.FIREFOX);
        int parsed = 0;
        for (int cut = 0; cut < text.length(); cut += 7) {
            try {
                SessionDescription.parse(text.substring(0, cut));
                parsed++;
            } catch (SdpParseException e) {
                assertThat(e.reason()).isNotNull();
                assertThat(e.line()).isBetween(0, 100);
            }
        }
        assertThat(parsed).as("cuts after t= parse").isPositive();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new SdpLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
