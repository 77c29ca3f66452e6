package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void sentSignalCarriesSenderAndTime() {
        String text = Signals.signal("abc", 17, 123_456_789_012L, Signals.padding(5));

        assertThat(text).isEqualTo("{\"type\":\"signal\",\"to\":\"abc\",\"payload\":{\"s\":17,\"t\":123456789012,"
                + "\"p\":\"xxxxx\"}}");
        assertThat(Signals.isSignal(text)).isTrue();
        assertThat(Signals.sender(text)).isEqualTo(17);
        assertThat(Signals.sentNanos(text)).isEqualTo(123_456_789_012L);
    }

    @Test
    void relayedSignalIsReadTheSameWay() {
        String relayed = "{\"type\":\"signal\",\"from\":\"q3v\",\"payload\":{\"s\":3,\"t\":-42,\"p\":\"xx\"}}";

        assertThat(Signals.sender(relayed)).isEqualTo(3);
        assertThat(Signals.sentNanos(relayed)).isEqualTo(-42);
    }

    @Test
    void frameWithoutBenchmarkPayloadGivesMinusOne() {
        String foreign = "{\"type\":\"signal\",\"from\":\"q3v\",\"payload\":{\"sdp\":\"v=0\"}}";

        assertThat(Signals.sender(foreign)).isEqualTo(-1);
        assertThat(Signals.sentNanos(foreign)).isEqualTo(-1);
        assertThat(Signals.isSignal("{\"type\":\"pong\",\"ts\":1}")).isFalse();
    }
}
