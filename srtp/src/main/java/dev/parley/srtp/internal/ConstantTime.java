package dev.parley.srtp.internal;

/** Comparison whose time does not depend on where the inputs differ, for authentication tags. */
final class ConstantTime {

    private ConstantTime() {}

    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
