package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    @Test
    void issuedUsernameIsExpiryColonParticipantAndPasswordIsBase64HmacSha1() {
        TurnCredentials c = TurnCredentials.issue("secret", "p-42", Duration.ofHours(1), Instant.ofEpochSecond(1_700_000_000));

        assertThat(c.username()).isEqualTo("1700003600:p-42");
        assertThat(c.expires()).isEqualTo(Instant.ofEpochSecond(1_700_003_600));
        // Independently: printf '1700003600:p-42' | openssl dgst -sha1 -hmac secret -binary | base64
        assertThat(c.password()).isEqualTo("oI4m2CYv9y82yitx2T4Wl7BBZvo=");
    }

    @Test
    void currencyFollowsTheExpiryInTheUsername() {
        assertThat(TurnCredentials.isCurrent("100:x", Instant.ofEpochSecond(100))).isTrue();
        assertThat(TurnCredentials.isCurrent("100:x", Instant.ofEpochSecond(101))).isFalse();
        assertThat(TurnCredentials.isCurrent("abc:x", Instant.ofEpochSecond(1))).isFalse();
        assertThat(TurnCredentials.isCurrent(":x", Instant.ofEpochSecond(1))).isFalse();
        assertThat(TurnCredentials.expiryOf("1234567890123:x")).isEmpty();
    }
}
