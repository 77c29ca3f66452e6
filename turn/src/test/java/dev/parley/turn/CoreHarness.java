package dev.parley.turn;

import dev.parley.stun.ChannelNumber;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.stun.XorPeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link TurnServerCore} with fake relays and a recording output, and a client that speaks to it
 * in memory. Time is a field the test moves.
 */
final class CoreHarness {

    static final String REALM = "parley.test";
    static final String SECRET = "s3cret";
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    record Sent(FiveTuple to, byte[] packet) {
        StunMessage message() throws StunParseException {
            return StunMessage.parse(packet, 0, packet.length);
        }
    }

    record Datagram(InetSocketAddress peer, byte[] data) {
    }

    final class FakeRelay implements Relay {
        final InetSocketAddress address;
        final List<Datagram> sent = new ArrayList<>();
        boolean closed;

        FakeRelay(int port) {
            address = new InetSocketAddress("127.0.0.1", port);
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void send(InetSocketAddress peer, byte[] buf, int off, int len) {
            sent.add(new Datagram(peer, java.util.Arrays.copyOfRange(buf, off, off + len)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Sent> out = new ArrayList<>();
    final List<FakeRelay> relays = new ArrayList<>();
    final TurnStats stats = new TurnStats();
    final TurnServerCore core;
    int freeRelayPorts = 100;
    long now = T0;

    CoreHarness(TurnConfig config) {
        RelayFactory factory = even -> {
            if (freeRelayPorts-- <= 0) {
                throw new IOException("no port");
            }
            FakeRelay r = new FakeRelay(60000 + 2 * relays.size() + (even ? 0 : 1));
            relays.add(r);
            return r;
        };
        core = new TurnServerCore(config, factory, (to, packet) -> out.add(new Sent(to, packet)), stats, Set.of(3478));
    }

    static TurnConfig.Builder config() {
        return TurnConfig.builder(REALM, SECRET).relayAddress(loopback()).listenAddress(loopback())
                .relayPorts(60000, 60999);
    }

    static java.net.InetAddress loopback() {
        return java.net.InetAddress.getLoopbackAddress();
    }

    static FiveTuple udpClient(int port) {
        return new FiveTuple(Transport.UDP, new InetSocketAddress("192.0.2.10", port), new InetSocketAddress("127.0.0.1", 3478));
    }

    void advance(Duration d) {
        now += d.toMillis();
    }

    /** Sends raw bytes and returns what the core answered, if anything. */
    Sent send(FiveTuple from, byte[] packet) {
        int before = out.size();
        core.onClientPacket(from, packet, 0, packet.length, now);
        return out.size() > before ? out.get(out.size() - 1) : null;
    }

    StunMessage request(FiveTuple from, byte[] packet) throws StunParseException {
        Sent s = send(from, packet);
        if (s == null) {
            throw new AssertionError("no response");
        }
        return s.message();
    }

    /** A client with REST-API credentials that does the 401 round trip once and then signs everything. */
    final class Client {
        final FiveTuple tuple;
        final String username;
        final byte[] key;
        String nonce;

        Client(FiveTuple tuple, String participant) {
            this(tuple, TurnCredentials.issue(SECRET, participant, Duration.ofHours(1), Instant.ofEpochMilli(now)));
        }

        Client(FiveTuple tuple, TurnCredentials credentials) {
            this.tuple = tuple;
            this.username = credentials.username();
            this.key = MessageIntegrity.longTermKey(username, REALM, credentials.password());
        }

        /** Sends an unsigned request, expects 401, keeps the nonce. */
        StunMessage challenge(int method, StunAttribute... attributes) throws StunParseException {
            StunMessageBuilder b = StunMessage.builder(StunClass.REQUEST, method, TransactionId.random());
            for (StunAttribute a : attributes) {
                b.add(a);
            }
            StunMessage r = request(tuple, b.build());
            nonce = Nonce.from(r).map(Nonce::value).orElse(null);
            return r;
        }

        byte[] signed(int method, TransactionId tid, StunAttribute... attributes) {
            StunMessageBuilder b = StunMessage.builder(StunClass.REQUEST, method, tid);
            for (StunAttribute a : attributes) {
                b.add(a);
            }
            return b.add(new Username(username)).add(new Realm(REALM)).add(new Nonce(nonce)).messageIntegrity(key).build();
        }

        StunMessage call(int method, StunAttribute... attributes) throws StunParseException {
            if (nonce == null) {
                challenge(method, attributes);
            }
            StunMessage r = request(tuple, signed(method, TransactionId.random(), attributes));
            if (r.messageClass() == StunClass.ERROR_RESPONSE
                    && dev.parley.stun.ErrorCode.from(r).orElseThrow().code() == dev.parley.stun.ErrorCode.STALE_NONCE) {
                nonce = Nonce.from(r).orElseThrow().value(); // RFC 8489 §9.2.5: retry with the new nonce
                r = request(tuple, signed(method, TransactionId.random(), attributes));
            }
            return r;
        }

        StunMessage allocate(StunAttribute... extra) throws StunParseException {
            StunAttribute[] all = new StunAttribute[extra.length + 1];
            all[0] = new RequestedTransport(RequestedTransport.UDP);
            System.arraycopy(extra, 0, all, 1, extra.length);
            return call(StunMethod.ALLOCATE, all);
        }

        StunMessage refresh(long seconds) throws StunParseException {
            return call(StunMethod.REFRESH, new Lifetime(seconds));
        }

        StunMessage permit(InetSocketAddress... peers) throws StunParseException {
            StunAttribute[] all = new StunAttribute[peers.length];
            for (int i = 0; i < peers.length; i++) {
                all[i] = new XorPeerAddress(peers[i]);
            }
            return call(StunMethod.CREATE_PERMISSION, all);
        }

        StunMessage bind(int channel, InetSocketAddress peer) throws StunParseException {
            return call(StunMethod.CHANNEL_BIND, new ChannelNumber(channel), new XorPeerAddress(peer));
        }
    }
}
