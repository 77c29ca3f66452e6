package dev.parley.turn.internal;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.Username;
import dev.parley.turn.TurnCredentials;
import java.time.Instant;
import java.util.Optional;

/**
 * The long-term credential check of RFC 8489 §9.2.4 with REST-API passwords: a request either
 * passes (username and key) or gets the error response to send. Thread-safe.
 */
public final class Authenticator {

    /** The outcome: {@code response} is null when the request passed. */
    public record Result(String username, byte[] key, byte[] response, boolean failure) {
        public boolean passed() {
            return response == null;
        }
    }

    private final String realm;
    private final String secret;
    private final Nonces nonces;
    private final Responses responses;

    public Authenticator(String realm, String secret, Nonces nonces, Responses responses) {
        this.realm = realm;
        this.secret = secret;
        this.nonces = nonces;
        this.responses = responses;
    }

    public Result authenticate(StunMessage request, long now) throws StunParseException {
        // 1. No MESSAGE-INTEGRITY: 401 with REALM and NONCE, the normal first round trip.
        if (!request.has(MessageIntegrity.TYPE)) {
            return reject(request, ErrorCode.UNAUTHENTICATED, now, false);
        }
        // 2. MESSAGE-INTEGRITY without USERNAME, REALM or NONCE: 400.
        Optional<Username> username = Username.from(request);
        Optional<Realm> requestRealm = Realm.from(request);
        Optional<Nonce> nonce = Nonce.from(request);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            return new Result(null, null, responses.error(request, ErrorCode.BAD_REQUEST, null), true);
        }
        // 3. A nonce that is not ours or has expired: 438 with a fresh one.
        if (!nonces.isValid(nonce.get().value(), now)) {
            return reject(request, ErrorCode.STALE_NONCE, now, false);
        }
        // 4. Unknown (here: expired or non-REST) username, or 5. integrity mismatch: 401.
        String name = username.get().value();
        if (!requestRealm.get().value().equals(realm) || !TurnCredentials.isCurrent(name, Instant.ofEpochMilli(now))) {
            return reject(request, ErrorCode.UNAUTHENTICATED, now, true);
        }
        byte[] key = MessageIntegrity.longTermKey(name, realm, TurnCredentials.password(secret, name));
        if (!MessageIntegrity.verify(request, key)) {
            return reject(request, ErrorCode.UNAUTHENTICATED, now, true);
        }
        return new Result(name, key, null, false);
    }

    private Result reject(StunMessage request, int code, long now, boolean failure) {
        byte[] response = responses.error(request, code, null, new Realm(realm), new Nonce(nonces.issue(now)));
        return new Result(null, null, response, failure);
    }
}
