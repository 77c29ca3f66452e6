package dev.parley.turn;

import dev.parley.stun.ChannelData;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.Data;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.EvenPort;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.MessageIntegritySha256;
import dev.parley.stun.Nonce;
import dev.parley.stun.PasswordAlgorithm;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.Username;
import dev.parley.stun.XorMappedAddress;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import dev.parley.turn.internal.Allocation;
import dev.parley.turn.internal.Authenticator;
import dev.parley.turn.internal.ChannelBinding;
import dev.parley.turn.internal.Nonces;
import dev.parley.turn.internal.PeerFilter;
import dev.parley.turn.internal.Responses;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN server (RFC 8656) without I/O: it takes client packets, peer datagrams and the current
 * time, and answers through {@link TurnOutput} and the allocations' {@link Relay}s. Binding requests
 * (RFC 8489 §7) are answered on the same port without authentication.
 *
 * <p>Thread-safe. Control requests (Allocate, Refresh, CreatePermission, ChannelBind) run under this
 * object's monitor; the data path takes only an allocation's monitor. Lock order: core → allocation.
 * Output is never called with a lock held. See {@code docs/turn.md}.
 */
public final class TurnServerCore {

    private static final Logger LOG = LoggerFactory.getLogger(TurnServerCore.class);
    /** RFC 8656 §9: permissions last 300 s. */
    static final long PERMISSION_LIFETIME_MS = 300_000;
    /** RFC 8656 §11: channel bindings last 600 s. */
    static final long CHANNEL_LIFETIME_MS = 600_000;
    /** Attributes this server understands in requests; any other type below 0x8000 gets 420 (RFC 8489 §6.3.1). */
    private static final Set<Integer> KNOWN = Set.of(Username.TYPE, MessageIntegrity.TYPE, MessageIntegritySha256.TYPE,
            ErrorCode.TYPE, Realm.TYPE, Nonce.TYPE, PasswordAlgorithm.TYPE, XorPeerAddress.TYPE, Data.TYPE,
            Lifetime.TYPE, ChannelNumber.TYPE, RequestedTransport.TYPE, RequestedAddressFamily.TYPE, EvenPort.TYPE,
            XorMappedAddress.TYPE, XorRelayedAddress.TYPE, UnknownAttributes.TYPE);

    private final TurnConfig config;
    private final RelayFactory relays;
    private final TurnOutput output;
    private final TurnStats stats;
    private final PeerFilter peerFilter;
    private final Responses responses;
    private final Authenticator authenticator;
    private final InetAddress advertised;
    private final Map<FiveTuple, Allocation> byTuple = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Allocation> byRelay = new ConcurrentHashMap<>();
    /** Allocations per user (the username without its expiry); guarded by this. */
    private final Map<String, Integer> perUser = new HashMap<>();
    /** Allocations per client IP address; guarded by this. */
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    /** Relays of deleted allocations, closed once the monitor is released; guarded by this. */
    private final List<Relay> toClose = new ArrayList<>();

    /**
     * @param ownPorts the ports the listeners are bound to, which peers may never be
     */
    public TurnServerCore(TurnConfig config, RelayFactory relays, TurnOutput output, TurnStats stats, Set<Integer> ownPorts) {
        this.config = config;
        this.relays = relays;
        this.output = output;
        this.stats = stats;
        Set<InetAddress> own = new java.util.HashSet<>(List.of(config.listenAddress(), config.relayAddress()));
        if (config.advertisedAddress() != null) {
            own.add(config.advertisedAddress());
        }
        this.peerFilter = new PeerFilter(config.allowPrivatePeers(), own, ownPorts, config.relayPortMin(),
                config.relayPortMax(), config.ownServicePorts());
        this.responses = new Responses(config.software());
        this.authenticator = new Authenticator(config.realm(), config.secret(),
                new Nonces(config.nonceLifetime().toMillis(), new SecureRandom()), responses);
        this.advertised = config.advertisedAddress() != null ? config.advertisedAddress()
                : !config.relayAddress().isAnyLocalAddress() ? config.relayAddress()
                : config.listenAddress();
    }

    public TurnStats stats() {
        return stats;
    }

    public int allocationCount() {
        return byTuple.size();
    }

    /** The highest channel number accepted: 0x4FFF (RFC 8656), or 0x7FFF with legacy channel numbers. */
    public int maxChannelNumber() {
        return config.legacyChannelNumbers() ? ChannelNumber.LEGACY_MAX : ChannelNumber.MAX;
    }

    public boolean hasAllocation(FiveTuple tuple) {
        return byTuple.containsKey(tuple);
    }

    /**
     * One datagram (UDP) or one framed message (TCP/TLS) from a client. The buffer is only read
     * during the call.
     */
    public Verdict onClientPacket(FiveTuple from, byte[] buf, int off, int len, long now) {
        if (len <= 0) {
            stats.drop(DropReason.MALFORMED);
            return Verdict.MALFORMED;
        }
        int top = buf[off] & 0xC0;
        if (top == 0x40) {
            return onChannelData(from, buf, off, len, now);
        }
        if (top != 0) {
            stats.drop(DropReason.NOT_STUN);
            return Verdict.MALFORMED;
        }
        StunMessage message;
        try {
            message = StunMessage.parse(buf, off, len);
        } catch (StunParseException e) {
            stats.drop(DropReason.MALFORMED);
            return Verdict.MALFORMED;
        }
        try {
            return onStun(from, message, now);
        } catch (StunParseException e) {
            // An attribute with a bad value: RFC 8489 §6.3.1 answers requests 400, drops the rest.
            stats.drop(DropReason.MALFORMED);
            if (message.messageClass() == StunClass.REQUEST) {
                output.toClient(from, responses.error(message, ErrorCode.BAD_REQUEST, null));
            }
            return Verdict.DROPPED;
        }
    }

    private Verdict onStun(FiveTuple from, StunMessage m, long now) throws StunParseException {
        if (m.messageClass() == StunClass.INDICATION) {
            if (m.method() == StunMethod.SEND) {
                return onSend(from, m, now);
            }
            stats.drop(DropReason.UNEXPECTED); // RFC 8489 §6.3.2: other indications are discarded
            return Verdict.DROPPED;
        }
        if (m.messageClass() != StunClass.REQUEST) {
            stats.drop(DropReason.UNEXPECTED);
            return Verdict.DROPPED;
        }
        if (m.method() == StunMethod.BINDING) {
            return reply(from, onBinding(from, m));
        }
        if (m.method() != StunMethod.ALLOCATE && m.method() != StunMethod.REFRESH
                && m.method() != StunMethod.CREATE_PERMISSION && m.method() != StunMethod.CHANNEL_BIND) {
            return reply(from, responses.error(m, ErrorCode.BAD_REQUEST, null));
        }
        Authenticator.Result auth = authenticator.authenticate(m, now);
        if (!auth.passed()) {
            if (auth.failure()) {
                stats.authFailures.increment();
            }
            return reply(from, auth.response());
        }
        List<Integer> unknown = m.unknownComprehensionRequired(KNOWN);
        if (!unknown.isEmpty()) {
            LOG.debug("{} from {}: unknown comprehension-required attributes {}", StunMethod.name(m.method()), from,
                    unknown.stream().map(t -> String.format("0x%04x", t)).toList());
            return reply(from, responses.error(m, ErrorCode.UNKNOWN_ATTRIBUTE, auth.key(), new UnknownAttributes(unknown)));
        }
        byte[] response;
        synchronized (this) {
            response = switch (m.method()) {
                case StunMethod.ALLOCATE -> onAllocate(from, m, auth, now);
                case StunMethod.REFRESH -> onRefresh(from, m, auth, now);
                case StunMethod.CREATE_PERMISSION -> onCreatePermission(from, m, auth, now);
                default -> onChannelBind(from, m, auth, now);
            };
        }
        closeDeletedRelays();
        return reply(from, response);
    }

    private Verdict reply(FiveTuple to, byte[] response) {
        if (LOG.isDebugEnabled() && response.length > 1 && (response[1] & 0x10) != 0) {
            LOG.debug("error response to {}: {}", to, describe(response));
        }
        output.toClient(to, response);
        return Verdict.HANDLED;
    }

    /** RFC 8489 §7.3.1: a Binding success carries the source address as XOR-MAPPED-ADDRESS. */
    private static String describe(byte[] response) {
        try {
            StunMessage m = StunMessage.parse(response, 0, response.length);
            return StunMethod.name(m.method()) + " " + ErrorCode.from(m).map(Object::toString).orElse("?");
        } catch (StunParseException e) {
            return "unparsable";
        }
    }

    private byte[] onBinding(FiveTuple from, StunMessage m) {
        stats.bindingRequests.increment();
        List<Integer> unknown = m.unknownComprehensionRequired(KNOWN);
        if (!unknown.isEmpty()) {
            return responses.error(m, ErrorCode.UNKNOWN_ATTRIBUTE, null, new UnknownAttributes(unknown));
        }
        return responses.success(m, null, new XorMappedAddress(from.client()));
    }

    /** RFC 8656 §7.2. Called under this monitor. */
    private byte[] onAllocate(FiveTuple from, StunMessage m, Authenticator.Result auth, long now) throws StunParseException {
        Allocation existing = byTuple.get(from);
        if (existing != null) {
            // §7.2 step 2: a retransmission of the request that created it gets the success again.
            return existing.createdBy.equals(m.transactionId()) && existing.username.equals(auth.username())
                    ? allocateSuccess(m, existing, now)
                    : responses.error(m, ErrorCode.ALLOCATION_MISMATCH, auth.key());
        }
        var transport = RequestedTransport.from(m);
        if (transport.isEmpty()) {
            return responses.error(m, ErrorCode.BAD_REQUEST, auth.key());
        }
        if (transport.get().protocol() != RequestedTransport.UDP) {
            return responses.error(m, ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, auth.key());
        }
        var family = RequestedAddressFamily.from(m);
        int relayFamily = advertised instanceof Inet4Address ? RequestedAddressFamily.IPV4 : RequestedAddressFamily.IPV6;
        if (family.isPresent() && family.get().family() != relayFamily) {
            return responses.error(m, ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, auth.key());
        }
        // §7.2 step 4: EVEN-PORT asks for an even relay port, which we give; its R bit asks to hold the
        // next port back for a RESERVATION-TOKEN, which we do not do: 508 as for a reservation we cannot make.
        var evenPort = EvenPort.from(m);
        if (evenPort.isPresent() && evenPort.get().reserveNext()) {
            return responses.error(m, ErrorCode.INSUFFICIENT_CAPACITY, auth.key());
        }
        String user = TurnCredentials.userOf(auth.username());
        int userQuota = user.startsWith(TurnCredentials.PROBE_PREFIX) ? 1 : config.maxAllocationsPerUser();
        if (perUser.getOrDefault(user, 0) >= userQuota
                || perIp.getOrDefault(from.client().getAddress(), 0) >= config.maxAllocationsPerIp()) {
            stats.drop(DropReason.QUOTA);
            return responses.error(m, ErrorCode.ALLOCATION_QUOTA_REACHED, auth.key());
        }
        if (byTuple.size() >= config.maxAllocations()) {
            return responses.error(m, ErrorCode.INSUFFICIENT_CAPACITY, auth.key());
        }
        Relay relay;
        try {
            relay = relays.open(evenPort.isPresent());
        } catch (IOException e) {
            LOG.warn("no relay port for {}: {}", from, e.getMessage());
            return responses.error(m, ErrorCode.INSUFFICIENT_CAPACITY, auth.key());
        }
        long lifetime = lifetimeMillis(Lifetime.from(m).map(Lifetime::seconds).orElse(-1L));
        Allocation a = new Allocation(from, auth.username(), auth.key(), relay,
                new InetSocketAddress(advertised, relay.address().getPort()), m.transactionId(), now + lifetime,
                config.bandwidthBytesPerSecond(), now);
        byTuple.put(from, a);
        byRelay.put(relay.address(), a);
        perUser.merge(user, 1, Integer::sum);
        perIp.merge(from.client().getAddress(), 1, Integer::sum);
        stats.allocations.incrementAndGet();
        stats.allocationsCreated.increment();
        LOG.debug("allocated {} for {} ({}), {} s", a.relayedAddress, from, auth.username(), lifetime / 1000);
        return allocateSuccess(m, a, now);
    }

    private byte[] allocateSuccess(StunMessage m, Allocation a, long now) {
        long remaining = Math.max(0, (a.expiresAt() - now) / 1000);
        return responses.success(m, a.key, new XorRelayedAddress(a.relayedAddress), new Lifetime(remaining),
                new XorMappedAddress(a.tuple.client()));
    }

    /**
     * RFC 8656 §7.2/§7.3: no LIFETIME → the default; otherwise the request clamped to [default, max]
     * (a client asking for less than the default still gets the default, as coturn does).
     */
    private long lifetimeMillis(long requestedSeconds) {
        long def = config.defaultLifetime().toMillis();
        if (requestedSeconds < 0) {
            return def;
        }
        return Math.max(def, Math.min(requestedSeconds * 1000, config.maxLifetime().toMillis()));
    }

    /** RFC 8656 §7.3. Called under this monitor. */
    private byte[] onRefresh(FiveTuple from, StunMessage m, Authenticator.Result auth, long now) throws StunParseException {
        Allocation a = current(from, now);
        if (a == null) {
            return responses.error(m, ErrorCode.ALLOCATION_MISMATCH, auth.key());
        }
        if (!a.username.equals(auth.username())) {
            return responses.error(m, ErrorCode.WRONG_CREDENTIALS, auth.key());
        }
        long requested = Lifetime.from(m).map(Lifetime::seconds).orElse(-1L);
        if (requested == 0) {
            delete(a);
            return responses.success(m, auth.key(), new Lifetime(0));
        }
        long lifetime = lifetimeMillis(requested);
        a.expiresAt(now + lifetime);
        return responses.success(m, auth.key(), new Lifetime(lifetime / 1000));
    }

    /** RFC 8656 §9.2. Called under this monitor. */
    private byte[] onCreatePermission(FiveTuple from, StunMessage m, Authenticator.Result auth, long now)
            throws StunParseException {
        Allocation a = current(from, now);
        if (a == null) {
            return responses.error(m, ErrorCode.ALLOCATION_MISMATCH, auth.key());
        }
        if (!a.username.equals(auth.username())) {
            return responses.error(m, ErrorCode.WRONG_CREDENTIALS, auth.key());
        }
        List<XorPeerAddress> peers = XorPeerAddress.all(m);
        if (peers.isEmpty()) {
            return responses.error(m, ErrorCode.BAD_REQUEST, auth.key());
        }
        List<InetAddress> addresses = new ArrayList<>(peers.size());
        for (XorPeerAddress peer : peers) {
            InetAddress ip = peer.address().getAddress();
            if (ip.getClass() != a.relayedAddress.getAddress().getClass()) {
                return responses.error(m, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, auth.key());
            }
            if (!peerFilter.allowsAddress(ip)) {
                stats.drop(DropReason.FORBIDDEN_PEER);
                return responses.error(m, ErrorCode.FORBIDDEN, auth.key());
            }
            addresses.add(ip);
        }
        if (a.permissionCount() + addresses.size() > config.maxPermissionsPerAllocation()) {
            a.prune(now);
            if (a.permissionCount() + addresses.size() > config.maxPermissionsPerAllocation()) {
                return responses.error(m, ErrorCode.INSUFFICIENT_CAPACITY, auth.key());
            }
        }
        for (InetAddress ip : addresses) {
            if (a.permit(ip, now + PERMISSION_LIFETIME_MS)) {
                stats.permissions.incrementAndGet();
            }
        }
        return responses.success(m, auth.key());
    }

    /** RFC 8656 §11.2. Called under this monitor. */
    private byte[] onChannelBind(FiveTuple from, StunMessage m, Authenticator.Result auth, long now) throws StunParseException {
        Allocation a = current(from, now);
        if (a == null) {
            return responses.error(m, ErrorCode.ALLOCATION_MISMATCH, auth.key());
        }
        if (!a.username.equals(auth.username())) {
            return responses.error(m, ErrorCode.WRONG_CREDENTIALS, auth.key());
        }
        var number = ChannelNumber.from(m);
        var peer = XorPeerAddress.from(m);
        if (number.isEmpty() || number.get().number() < ChannelNumber.MIN || number.get().number() > maxChannelNumber()
                || peer.isEmpty()) {
            return responses.error(m, ErrorCode.BAD_REQUEST, auth.key());
        }
        InetSocketAddress peerAddress = peer.get().address();
        if (peerAddress.getAddress().getClass() != a.relayedAddress.getAddress().getClass()) {
            return responses.error(m, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, auth.key());
        }
        if (!peerFilter.allows(peerAddress)) {
            stats.drop(DropReason.FORBIDDEN_PEER);
            return responses.error(m, ErrorCode.FORBIDDEN, auth.key());
        }
        boolean newPermission = !a.hasPermission(peerAddress.getAddress(), now)
                && a.permissionCount() >= config.maxPermissionsPerAllocation();
        if (newPermission) {
            return responses.error(m, ErrorCode.INSUFFICIENT_CAPACITY, auth.key());
        }
        int bound = a.bind(number.get().number(), peerAddress, now + CHANNEL_LIFETIME_MS, now);
        if (bound < 0) {
            return responses.error(m, ErrorCode.BAD_REQUEST, auth.key());
        }
        if (bound > 0) {
            stats.channels.incrementAndGet();
        }
        if (a.permit(peerAddress.getAddress(), now + PERMISSION_LIFETIME_MS)) {
            stats.permissions.incrementAndGet();
        }
        return responses.success(m, auth.key());
    }

    /** RFC 8656 §10.2: a Send indication relays DATA to XOR-PEER-ADDRESS if a permission exists. */
    private Verdict onSend(FiveTuple from, StunMessage m, long now) throws StunParseException {
        Allocation a = current(from, now);
        if (a == null) {
            stats.drop(DropReason.NO_ALLOCATION);
            return Verdict.DROPPED;
        }
        var peer = XorPeerAddress.from(m);
        var data = Data.from(m);
        if (peer.isEmpty() || data.isEmpty()) {
            stats.drop(DropReason.MALFORMED);
            return Verdict.DROPPED;
        }
        byte[] bytes = data.get().bytes();
        return toPeer(a, peer.get().address(), bytes, 0, bytes.length, now);
    }

    /** RFC 8656 §12.6: ChannelData from the client goes to the channel's peer. */
    private Verdict onChannelData(FiveTuple from, byte[] buf, int off, int len, long now) {
        ChannelData frame;
        try {
            frame = ChannelData.parse(buf, off, len, maxChannelNumber());
        } catch (StunParseException e) {
            stats.drop(DropReason.MALFORMED);
            return Verdict.MALFORMED;
        }
        Allocation a = current(from, now);
        if (a == null) {
            stats.drop(DropReason.NO_ALLOCATION);
            return Verdict.DROPPED;
        }
        ChannelBinding channel = a.channel(frame.channel(), now);
        if (channel == null) {
            stats.drop(DropReason.NO_CHANNEL);
            return Verdict.DROPPED;
        }
        return toPeer(a, channel.peer, frame.buffer(), frame.offset(), frame.length(), now);
    }

    private Verdict toPeer(Allocation a, InetSocketAddress peer, byte[] buf, int off, int len, long now) {
        if (!a.hasPermission(peer.getAddress(), now)) {
            stats.drop(DropReason.NO_PERMISSION);
            return Verdict.DROPPED;
        }
        if (!peerFilter.allowsPort(peer)) {
            stats.drop(DropReason.FORBIDDEN_PEER);
            return Verdict.DROPPED;
        }
        if (!a.takeToPeer(len, now)) {
            stats.drop(DropReason.BANDWIDTH);
            return Verdict.DROPPED;
        }
        try {
            stats.toPeer(len); // counted before the send: the peer may answer before this thread returns
            a.relay.send(peer, buf, off, len);
            return Verdict.HANDLED;
        } catch (IOException e) {
            stats.drop(DropReason.SEND_FAILED); // also counted in toPeer: a send the socket refused
            return Verdict.DROPPED;
        }
    }

    /**
     * A datagram from {@code peer} arrived on the relay socket bound to {@code relayAddress}
     * (RFC 8656 §10.3, §12.6): ChannelData if a channel is bound to the peer, else a Data indication.
     */
    public Verdict onPeerDatagram(InetSocketAddress relayAddress, InetSocketAddress peer, byte[] buf, int off, int len,
            long now) {
        Allocation a = byRelay.get(relayAddress);
        if (a == null || a.isExpired(now)) {
            stats.drop(DropReason.NO_ALLOCATION);
            return Verdict.DROPPED;
        }
        if (!a.hasPermission(peer.getAddress(), now)) {
            stats.drop(DropReason.NO_PERMISSION);
            return Verdict.DROPPED;
        }
        if (!a.takeToClient(len, now)) {
            stats.drop(DropReason.BANDWIDTH);
            return Verdict.DROPPED;
        }
        ChannelBinding channel = a.channelTo(peer, now);
        byte[] packet = channel != null
                ? ChannelData.encode(channel.number, buf, off, len, a.tuple.transport().isStream())
                : dataIndication(peer, buf, off, len);
        stats.toClient(len); // counted before the hand-off: the client may see it before this thread returns
        output.toClient(a.tuple, packet);
        return Verdict.HANDLED;
    }

    private static byte[] dataIndication(InetSocketAddress peer, byte[] buf, int off, int len) {
        byte[] data = new byte[len];
        System.arraycopy(buf, off, data, 0, len);
        return StunMessage.builder(StunClass.INDICATION, StunMethod.DATA, TransactionId.random())
                .add(new XorPeerAddress(peer))
                .add(new Data(data))
                .build();
    }

    /** RFC 8656 §3.1: an allocation over TCP/TLS lives no longer than its connection; closing it deletes the allocation. */
    public void onClientClosed(FiveTuple tuple) {
        Allocation a = byTuple.get(tuple);
        if (a != null) {
            synchronized (this) {
                delete(a);
            }
            closeDeletedRelays();
        }
    }

    /** Deletes expired allocations and prunes expired permissions and channels; call about once a second. */
    public void expire(long now) {
        for (Allocation a : byTuple.values()) {
            if (a.isExpired(now)) {
                synchronized (this) {
                    delete(a);
                }
                closeDeletedRelays();
                continue;
            }
            int[] removed = a.prune(now);
            stats.permissions.addAndGet(-removed[0]);
            stats.channels.addAndGet(-removed[1]);
        }
    }

    /** Deletes every allocation and closes every relay (shutdown). */
    public void closeAll() {
        synchronized (this) {
            for (Allocation a : new ArrayList<>(byTuple.values())) {
                delete(a);
            }
        }
        closeDeletedRelays();
    }

    /** Closes the relays {@link #delete} queued, with no lock held (closing waits for the relay's reader). */
    private void closeDeletedRelays() {
        List<Relay> relays;
        synchronized (this) {
            if (toClose.isEmpty()) {
                return;
            }
            relays = new ArrayList<>(toClose);
            toClose.clear();
        }
        for (Relay r : relays) {
            r.close();
        }
    }

    /** The allocation of {@code tuple}, unless it has expired. */
    private Allocation current(FiveTuple tuple, long now) {
        Allocation a = byTuple.get(tuple);
        return a == null || a.isExpired(now) ? null : a;
    }

    /** Called under this monitor. Idempotent. */
    private void delete(Allocation a) {
        if (!byTuple.remove(a.tuple, a)) {
            return;
        }
        byRelay.remove(a.relay.address(), a);
        perUser.computeIfPresent(TurnCredentials.userOf(a.username), (u, n) -> n > 1 ? n - 1 : null);
        perIp.computeIfPresent(a.tuple.client().getAddress(), (ip, n) -> n > 1 ? n - 1 : null);
        stats.allocations.decrementAndGet();
        stats.allocationsDeleted.increment();
        stats.permissions.addAndGet(-a.permissionCount());
        stats.channels.addAndGet(-a.channelCount());
        toClose.add(a.relay);
        LOG.debug("deleted allocation {} of {}", a.relayedAddress, a.tuple);
    }
}
