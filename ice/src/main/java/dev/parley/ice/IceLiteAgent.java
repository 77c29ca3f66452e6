package dev.parley.ice;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.Fingerprint;
import dev.parley.stun.IceControlled;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.MessageIntegritySha256;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import dev.parley.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ICE-lite agent of one transport (RFC 8445 §2.5): it sends no checks, it answers the checks of
 * a full agent, always in the controlled role. Sans-I/O: packets and the current time come in,
 * responses and {@link IceEvent}s go out; the caller owns the socket and the timer.
 *
 * <p>Not thread-safe: one session's serial executor drives it ({@code docs/media.md}).
 *
 * <ul>
 *   <li>A Binding request with USERNAME {@code localUfrag:remoteUfrag}, a MESSAGE-INTEGRITY keyed
 *       with the local password (short-term credentials, RFC 8489 §9.1) and a FINGERPRINT is
 *       answered with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT (RFC 8445 §7.3).</li>
 *   <li>Its source address becomes <em>validated</em>: DTLS and SRTP from it may be accepted.</li>
 *   <li>USE-CANDIDATE nominates the source address; the latest nomination is the selected one.</li>
 *   <li>Consent freshness (RFC 7675): if no valid check arrives for {@link IceSettings#consentTimeoutMillis}
 *       the agent reports {@link IceEvent.ConsentExpired} once and closes.</li>
 * </ul>
 */
public final class IceLiteAgent {

    /** Attributes a check may carry that this agent understands (RFC 8445 §16.1, RFC 8489 §14). */
    private static final Set<Integer> KNOWN = Set.of(Username.TYPE, MessageIntegrity.TYPE,
            MessageIntegritySha256.TYPE, Fingerprint.TYPE, Priority.TYPE, UseCandidate.TYPE);

    private final IceCredentials local;
    private final IceSettings settings;
    private final byte[] key;
    private final long createdAt;
    /** Validated remote addresses → time of their last valid check, least recently heard first. */
    private final LinkedHashMap<InetSocketAddress, Long> validated = new LinkedHashMap<>();
    private String remoteUfrag;
    private InetSocketAddress selected;
    private boolean closed;

    /**
     * @param local our credentials, the ones in our SDP
     * @param remoteUfrag the peer's {@code a=ice-ufrag}, or null if not known yet (then only our
     *        half of USERNAME is checked)
     * @param now the current time in milliseconds; consent runs from here until the first check
     */
    public IceLiteAgent(IceCredentials local, String remoteUfrag, IceSettings settings, long now) {
        this.local = local;
        this.remoteUfrag = remoteUfrag;
        this.settings = settings;
        this.key = MessageIntegrity.shortTermKey(local.password());
        this.createdAt = now;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /** Sets the peer's ufrag once its SDP arrives (or after an ICE restart). */
    public void remoteUfrag(String ufrag) {
        this.remoteUfrag = ufrag;
    }

    /**
     * Handles one datagram that arrived from {@code source} (the caller has already recognised it
     * as STUN by its first byte, RFC 7983; anything else here is counted as malformed).
     */
    public CheckResult handle(byte[] buf, int off, int len, InetSocketAddress source, long now) {
        if (closed) {
            return CheckResult.silent(CheckVerdict.CLOSED);
        }
        if (!StunMessage.looksLikeStun(buf, off, len)) {
            return CheckResult.silent(CheckVerdict.MALFORMED);
        }
        StunMessage request;
        try {
            request = StunMessage.parse(buf, off, len);
        } catch (StunParseException e) {
            return CheckResult.silent(CheckVerdict.MALFORMED);
        }
        if (request.messageClass() != StunClass.REQUEST) {
            // Binding indications are keepalives (RFC 8445 §11); a lite agent sends no requests,
            // so any response is not ours.
            return CheckResult.silent(CheckVerdict.IGNORED);
        }
        if (!Fingerprint.verify(request)) {
            // RFC 8445 §7.2.2: checks carry FINGERPRINT; RFC 8489 §7.3: if it is missing or wrong
            // the message is silently discarded (it may be another protocol on the same port).
            return CheckResult.silent(CheckVerdict.BAD_FINGERPRINT);
        }
        return check(request, source, now);
    }

    private CheckResult check(StunMessage request, InetSocketAddress source, long now) {
        if (request.method() != StunMethod.BINDING) {
            // RFC 8489 §6.3.1: a request for a method the server does not know gets 400.
            return reject(request, ErrorCode.BAD_REQUEST, false);
        }
        Optional<Username> username;
        try {
            username = Username.from(request);
        } catch (StunParseException e) {
            return reject(request, ErrorCode.BAD_REQUEST, false);
        }
        if (username.isEmpty() || !request.has(MessageIntegrity.TYPE)) {
            // RFC 8489 §9.1.3: no USERNAME or no MESSAGE-INTEGRITY → 400, no integrity in the answer.
            return reject(request, ErrorCode.BAD_REQUEST, false);
        }
        if (!usernameMatches(username.get().value()) || !MessageIntegrity.verify(request, key)) {
            // RFC 8489 §9.1.3: unknown username or integrity mismatch → 401, no integrity.
            return reject(request, ErrorCode.UNAUTHENTICATED, false);
        }
        List<Integer> unknown = request.unknownComprehensionRequired(KNOWN);
        if (!unknown.isEmpty()) {
            // RFC 8489 §6.3.1.1: 420 listing the comprehension-required attributes we do not know.
            byte[] response = errorBuilder(request, ErrorCode.UNKNOWN_ATTRIBUTE)
                    .add(new UnknownAttributes(unknown)).messageIntegrity(key).fingerprint().build();
            return new CheckResult(CheckVerdict.REJECTED, response, List.of());
        }
        try {
            if (Priority.from(request).isEmpty()) {
                // RFC 8445 §7.1.1: a check MUST carry PRIORITY.
                return reject(request, ErrorCode.BAD_REQUEST, true);
            }
            IceControlling.from(request);
            if (IceControlled.from(request).isPresent()) {
                // RFC 8445 §7.3.1.1: both sides claim controlled. A lite agent can never take the
                // controlling role (§6.1.1), so it answers 487 whatever the tie-breakers say — as if
                // its own tie-breaker were the largest — and the full agent switches to controlling.
                return reject(request, ErrorCode.ROLE_CONFLICT, true);
            }
        } catch (StunParseException e) {
            return reject(request, ErrorCode.BAD_REQUEST, true);
        }
        return succeed(request, source, now);
    }

    private boolean usernameMatches(String username) {
        // RFC 8445 §7.3: USERNAME is "our ufrag:their ufrag" from the recipient's point of view.
        String expectedPrefix = local.ufrag() + ":";
        if (!username.startsWith(expectedPrefix)) {
            return false;
        }
        return remoteUfrag == null || username.length() == expectedPrefix.length() + remoteUfrag.length()
                && username.endsWith(remoteUfrag);
    }

    private CheckResult succeed(StunMessage request, InetSocketAddress source, long now) {
        List<IceEvent> events = new ArrayList<>(2);
        // Remove and re-insert so that iteration order is "least recently heard first".
        if (validated.remove(source) == null) {
            validated.put(source, now);
            events.add(new IceEvent.Validated(source));
            evictBeyondLimit();
        } else {
            validated.put(source, now);
        }
        // RFC 8445 §7.3.1.5: the controlled agent nominates the pair on USE-CANDIDATE. A lite agent
        // has validated the pair by answering, so the nomination takes effect at once; the latest
        // nomination wins (a renomination moves the media).
        if (UseCandidate.in(request) && !source.equals(selected)) {
            InetSocketAddress previous = selected;
            selected = source;
            events.add(new IceEvent.Nominated(source, previous));
        }
        // RFC 8445 §7.3.1.4 / RFC 8489 §7.3.1: XOR-MAPPED-ADDRESS is the source of the request.
        byte[] response = StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, request.transactionId())
                .add(new XorMappedAddress(source)).messageIntegrity(key).fingerprint().build();
        return new CheckResult(CheckVerdict.ANSWERED, response, events);
    }

    private void evictBeyondLimit() {
        Iterator<InetSocketAddress> it = validated.keySet().iterator();
        for (int excess = validated.size() - settings.maxRemoteAddresses(); excess > 0 && it.hasNext(); ) {
            InetSocketAddress oldest = it.next();
            if (!oldest.equals(selected)) {
                it.remove();
                excess--;
            }
        }
    }

    private CheckResult reject(StunMessage request, int code, boolean authenticated) {
        StunMessageBuilder b = errorBuilder(request, code);
        if (authenticated) {
            // RFC 8489 §9.1.4: errors to an authenticated request carry MESSAGE-INTEGRITY.
            b.messageIntegrity(key);
        }
        return new CheckResult(CheckVerdict.REJECTED, b.fingerprint().build(), List.of());
    }

    private static StunMessageBuilder errorBuilder(StunMessage request, int code) {
        return StunMessage.builder(StunClass.ERROR_RESPONSE, request.method(), request.transactionId())
                .add(ErrorCode.of(code));
    }

    /**
     * Advances time: forgets validated addresses whose consent lapsed and, if the transport has no
     * consent left (RFC 7675 §5.1), closes it and reports {@link IceEvent.ConsentExpired} once. Call
     * it about once a second; an expiry is then reported at most a second late.
     */
    public List<IceEvent> tick(long now) {
        if (closed) {
            return List.of();
        }
        long lastCheck = lastConsent();
        if (now - lastCheck >= settings.consentTimeoutMillis()) {
            closed = true;
            InetSocketAddress lost = selected;
            validated.clear();
            selected = null;
            return List.of(new IceEvent.ConsentExpired(lost, lastCheck));
        }
        validated.values().removeIf(last -> now - last >= settings.consentTimeoutMillis());
        return List.of();
    }

    /** The selected address's last check; before nomination, the latest check from any address. */
    private long lastConsent() {
        if (selected != null) {
            Long last = validated.get(selected);
            return last == null ? createdAt : last;
        }
        long last = createdAt;
        for (long t : validated.values()) {
            last = Math.max(last, t);
        }
        return last;
    }

    /**
     * True when {@code address} passed a check and its consent has not lapsed: DTLS and SRTP from
     * it may be accepted (READING: Chrome sends DTLS before it nominates).
     */
    public boolean isValidated(InetSocketAddress address, long now) {
        if (closed) {
            return false;
        }
        Long last = validated.get(address);
        return last != null && now - last < settings.consentTimeoutMillis();
    }

    /** The nominated address, if any. */
    public Optional<InetSocketAddress> selectedAddress() {
        return Optional.ofNullable(selected);
    }

    /**
     * Where to send: the nominated address, or before nomination the address validated most
     * recently (Chrome expects the DTLS answer before it nominates).
     */
    public Optional<InetSocketAddress> destination() {
        if (selected != null) {
            return Optional.of(selected);
        }
        InetSocketAddress latest = null;
        long latestAt = Long.MIN_VALUE;
        for (Map.Entry<InetSocketAddress, Long> e : validated.entrySet()) {
            if (e.getValue() >= latestAt) {
                latest = e.getKey();
                latestAt = e.getValue();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Closes the transport: nothing more is answered or validated. */
    public void close() {
        closed = true;
        validated.clear();
        selected = null;
    }

    public boolean isClosed() {
        return closed;
    }
}
