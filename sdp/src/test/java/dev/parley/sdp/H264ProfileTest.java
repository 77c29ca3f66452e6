package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** profile-level-id names a profile through profile_idc and the constraint flags (RFC 6184 §8.1, H.264 A.2). */
class H264ProfileTest {

    @ParameterizedTest
    @CsvSource({
        "42e01f, CONSTRAINED_BASELINE", "42c01f, CONSTRAINED_BASELINE", "4de01f, CONSTRAINED_BASELINE",
        "58f01f, CONSTRAINED_BASELINE", "42001f, BASELINE", "42801f, BASELINE", "58801f, BASELINE",
        "4d001f, MAIN", "4d401f, MAIN", "58001f, EXTENDED", "64001f, HIGH", "640c1f, CONSTRAINED_HIGH",
        "f4001f, PREDICTIVE_HIGH_444", "42E01F, CONSTRAINED_BASELINE",
    })
    void profileIsReadFromIdcAndConstraintFlags(String id, H264Profile profile) {
        assertThat(H264Profile.of(id)).hasValue(profile);
    }

    @ParameterizedTest
    @CsvSource({"420f1f", "6e001f", "64081f", "zz001f", "42e0", "42e01f00", "+2e01f", "''"})
    void unknownOrMalformedIdsNameNoProfile(String id) {
        assertThat(H264Profile.of(id)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"42e01f, 31", "42e00b, 11", "640c34, 52", "xx, -1"})
    void levelIsTheLastByte(String id, int level) {
        assertThat(H264Profile.level(id)).isEqualTo(level);
    }
}
