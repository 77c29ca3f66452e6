package dev.parley.turn.internal;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.Fingerprint;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.Software;

/**
 * Builds responses to a request: same method and transaction id, SOFTWARE when configured,
 * MESSAGE-INTEGRITY when the request was authenticated (RFC 8489 §9.2.4), FINGERPRINT when the
 * request carried one (RFC 8489 §7.3). Immutable; thread-safe.
 */
public final class Responses {

    private final String software;

    public Responses(String software) {
        this.software = software;
    }

    public byte[] success(StunMessage request, byte[] key, StunAttribute... attributes) {
        return build(request, StunClass.SUCCESS_RESPONSE, key, attributes);
    }

    public byte[] error(StunMessage request, int code, byte[] key, StunAttribute... attributes) {
        StunAttribute[] all = new StunAttribute[attributes.length + 1];
        all[0] = ErrorCode.of(code);
        System.arraycopy(attributes, 0, all, 1, attributes.length);
        return build(request, StunClass.ERROR_RESPONSE, key, all);
    }

    private byte[] build(StunMessage request, StunClass cls, byte[] key, StunAttribute... attributes) {
        StunMessageBuilder b = StunMessage.builder(cls, request.method(), request.transactionId());
        for (StunAttribute a : attributes) {
            b.add(a);
        }
        if (!software.isEmpty()) {
            b.add(new Software(software));
        }
        if (key != null) {
            b.messageIntegrity(key);
        }
        if (Fingerprint.present(request)) {
            b.fingerprint();
        }
        return b.build();
    }
}
