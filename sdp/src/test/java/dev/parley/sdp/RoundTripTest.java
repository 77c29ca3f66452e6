package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing a parsed description and parsing it again gives an equal description. */
class RoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.CHROME, Fixtures.CHROME_SIMULCAST, Fixtures.FIREFOX})
    void parseWriteParseIsEqual(String fixture) throws SdpParseException {
        SessionDescription once = Fixtures.parse(fixture);
        String written = once.encode();
        assertThat(SessionDescription.parse(written)).isEqualTo(once);
        assertThat(SessionDescription.parse(written).encode()).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.CHROME, Fixtures.FIREFOX})
    void lfOnlyLineEndingsParseLikeCrlf(String fixture) throws SdpParseException {
        String crlf = Fixtures.text(fixture);
        assertThat(crlf).contains("\r\n");
        assertThat(SessionDescription.parse(crlf.replace("\r\n", "\n"))).isEqualTo(Fixtures.parse(fixture));
    }

    @Test
    void chromeOfferIsWrittenBackWithTheSameLines() {
        // Attribute order is normalised, and msid-semantic loses the space Chrome puts after its colon (RFC 8830 §2
        // grammar has none); every other line comes back unchanged.
        String original = Fixtures.text(Fixtures.CHROME).replace("a=msid-semantic: WMS", "a=msid-semantic:WMS");
        String written = Fixtures.parse(Fixtures.CHROME).encode();
        assertThat(written.lines().sorted().toList()).isEqualTo(original.lines().sorted().toList());
    }

    @Test
    void unknownAttributesAndLinesSurviveVerbatim() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Zoë's  call\r\ni=about\r\nb=AS:512\r\nt=0 0\r\n"
                + "a=x-session:with:colons  and  spaces\r\na=flag-only\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nb=TIAS:1000000\r\na=mid:v\r\na=x-google-flag:conference\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=framerate:30\r\n";
        SessionDescription d = SessionDescription.parse(text);
        assertThat(d.sessionName()).isEqualTo("Zoë's  call");
        assertThat(d.otherAttributes()).containsExactly(new Attribute("x-session", "with:colons  and  spaces"),
                Attribute.flag("flag-only"));
        assertThat(d.otherLines()).containsExactly("i=about", "b=AS:512");
        MediaDescription m = d.media().get(0);
        assertThat(m.otherAttributes()).containsExactly(new Attribute("x-google-flag", "conference"),
                new Attribute("framerate", "30"));
        assertThat(m.otherLines()).containsExactly("b=TIAS:1000000");
        String written = d.encode();
        assertThat(written).contains("a=x-session:with:colons  and  spaces\r\n", "a=flag-only\r\n",
                "s=Zoë's  call\r\ni=about\r\nb=AS:512\r\nt=0 0\r\n",
                "b=TIAS:1000000\r\na=mid:v\r\n");
        assertThat(SessionDescription.parse(written)).isEqualTo(d);
    }

    @Test
    void linesOfUndefinedTypesAreKeptAtTheirLevel() throws SdpParseException {
        // Found by fuzzing: a session-level "q=" line was parsed but not written back.
        String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nq=x\r\nr=7d 1h\r\n"
                + "m=audio 9 RTP/AVP 0\r\nk=prompt\r\ny=z\r\n";
        SessionDescription d = SessionDescription.parse(text);
        assertThat(d.otherLines()).containsExactly("q=x", "r=7d 1h");
        assertThat(d.media().get(0).otherLines()).containsExactly("k=prompt", "y=z");
        assertThat(SessionDescription.parse(d.encode())).isEqualTo(d);
    }

    @Test
    void builtDescriptionRoundTrips() throws SdpParseException {
        SessionDescription built = SubscriberOfferBuilderTest.twoTrackOffer();
        assertThat(SessionDescription.parse(built.encode())).isEqualTo(built);
    }
}
