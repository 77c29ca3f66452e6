package dev.parley.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The profile named by an H.264 {@code profile-level-id} (RFC 6184 §8.1): three hex bytes, {@code profile_idc},
 * {@code profile-iop} (the constraint_set flags) and {@code level_idc}. Several byte pairs name one profile: a
 * Main-profile stream whose constraint_set1 flag is set also decodes as Constrained Baseline (H.264 Annex A.2), so
 * {@code 42e01f} and {@code 4de01f} match. Two formats are compatible when they name the same profile; the level
 * may differ because browsers add {@code level-asymmetry-allowed=1} and an SFU decodes nothing (RFC 6184 §8.2.2).
 */
public enum H264Profile {
    CONSTRAINED_BASELINE, BASELINE, MAIN, EXTENDED, HIGH, CONSTRAINED_HIGH, PREDICTIVE_HIGH_444;

    /**
     * {profile_idc, mask, value}: a profile-iop matches when {@code (iop & mask) == value}. Read from H.264 Annex A:
     * constraint_set0 = 0x80, set1 = 0x40, set3 = 0x10, set4 = 0x08, set5 = 0x04. The same table libwebrtc uses.
     */
    private static final int[][] PATTERNS = {
        {0x42, 0x4F, 0x40, 0}, // x1xx0000 Constrained Baseline
        {0x4D, 0x8F, 0x80, 0}, // 1xxx0000 Constrained Baseline
        {0x58, 0xCF, 0xC0, 0}, // 11xx0000 Constrained Baseline
        {0x42, 0x4F, 0x00, 1}, // x0xx0000 Baseline
        {0x58, 0xCF, 0x80, 1}, // 10xx0000 Baseline
        {0x4D, 0xAF, 0x00, 2}, // 0x0x0000 Main
        {0x58, 0xCF, 0x00, 3}, // 00xx0000 Extended
        {0x64, 0xFF, 0x00, 4}, // 00000000 High
        {0x64, 0xFF, 0x0C, 5}, // 00001100 Constrained High
        {0xF4, 0xFF, 0x00, 6}, // 00000000 Predictive High 4:4:4
    };

    /** The profile of a {@code profile-level-id}, empty when it is malformed or names a profile not listed here. */
    public static Optional<H264Profile> of(String profileLevelId) {
        if (profileLevelId == null || profileLevelId.length() != 6) {
            return Optional.empty();
        }
        int idc;
        int iop;
        try {
            idc = Integer.parseInt(profileLevelId.substring(0, 2), 16);
            iop = Integer.parseInt(profileLevelId.substring(2, 4), 16);
            Integer.parseInt(profileLevelId.substring(4, 6), 16);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (profileLevelId.chars().anyMatch(c -> c == '+' || c == '-')) {
            return Optional.empty();
        }
        for (int[] p : PATTERNS) {
            if (p[0] == idc && (iop & p[1]) == p[2]) {
                return Optional.of(values()[p[3]]);
            }
        }
        return Optional.empty();
    }

    /** The {@code level_idc} byte, or -1 when malformed. */
    public static int level(String profileLevelId) {
        if (of(profileLevelId).isEmpty()) {
            return -1;
        }
        return Integer.parseInt(profileLevelId.substring(4, 6).toLowerCase(Locale.ROOT), 16);
    }

    /** True when both ids parse and name the same profile. */
    public static boolean sameProfile(String a, String b) {
        Optional<H264Profile> pa = of(a);
        return pa.isPresent() && pa.equals(of(b));
    }
}
