package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Local credentials follow RFC 8445 §5.3 and RFC 8839 §5.4. */
class IceCredentialsTest {

    @Test
    void generatedCredentialsHaveEnoughRandomBitsAndOnlyIceChars() {
        IceCredentials c = IceCredentials.generate();

        // 6 bits per ice-char: ≥ 24 bits for the ufrag, ≥ 128 bits for the password (RFC 8445 §5.3).
        assertThat(c.ufrag().length() * 6).isGreaterThanOrEqualTo(24);
        assertThat(c.password().length() * 6).isGreaterThanOrEqualTo(128);
        assertThat(c.ufrag()).matches("[A-Za-z0-9+/]{4,256}");
        assertThat(c.password()).matches("[A-Za-z0-9+/]{22,256}");
    }

    @Test
    void generatedCredentialsDiffer() {
        assertThat(IceCredentials.generate()).isNotEqualTo(IceCredentials.generate());
    }

    @Test
    void credentialsOutsideTheGrammarAreRefused() {
        assertThatThrownBy(() -> new IceCredentials("abc", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:d", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("a".repeat(257), "a".repeat(22)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePassword() {
        IceCredentials c = IceCredentials.generate();

        assertThat(c.toString()).contains(c.ufrag()).doesNotContain(c.password());
    }
}
