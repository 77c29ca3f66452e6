package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names that look alike on screen are the same name. */
class DisplayNamesTest {

    @Test
    void invisibleCharactersAreRemovedBeforeTheDuplicateCheck() throws Exception {
        String zeroWidth = DisplayNames.normalize("Ada\u200B");
        String bidi = DisplayNames.normalize("\u2067Ada\u2069");
        String joiner = DisplayNames.normalize("A\u2060da\uFEFF");
        assertThat(DisplayNames.normalize("evil\u202Egnp.exe")).as("a right-to-left override").isEqualTo("evilgnp.exe");

        assertThat(List.of(zeroWidth, bidi, joiner)).containsOnly("Ada");
        assertThat(DisplayNames.unique(zeroWidth, List.of("Ada"))).isEqualTo("Ada (2)");
    }

    @Test
    void compatibilityFormsAreFoldedByNfkc() throws Exception {
        assertThat(DisplayNames.normalize("\uFF21\uFF44\uFF41")).isEqualTo("Ada"); // full-width "Ａｄａ"
        assertThat(DisplayNames.normalize("\uFB01ona")).isEqualTo("fiona"); // the "ﬁ" ligature
    }

    @Test
    void emojiSequencesKeepTheirJoinersAndSelectors() throws Exception {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man ZWJ woman ZWJ girl
        String heart = "\u2764\uFE0F";
        assertThat(DisplayNames.normalize("Ada " + family)).isEqualTo("Ada " + family);
        assertThat(DisplayNames.normalize(heart + " Bo")).isEqualTo(heart + " Bo");
        assertThat(DisplayNames.normalize("A\u200Dda")).as("a joiner between letters draws nothing").isEqualTo("Ada");
    }

    @Test
    void aNameOfOnlyInvisibleCharactersIsRefused() {
        assertThatThrownBy(() -> DisplayNames.normalize("\u200B\u200E\u2066"))
                .isInstanceOfSatisfying(RoomException.class,
                        e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.BAD_NAME));
    }
}
