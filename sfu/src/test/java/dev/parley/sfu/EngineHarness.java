package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsCertificate;
import dev.parley.dtls.DtlsEvent;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.SrtpKeys;
import dev.parley.rtp.RtcpCompound;
import dev.parley.rtp.RtcpPacket;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.TransportParameters;
import dev.parley.srtp.SrtpContext;
import dev.parley.srtp.SrtpException;
import dev.parley.srtp.SrtpProfile;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The SFU engine with everything around it replaced by test parts: a clock the test advances, a task queue the test
 * drains, a sender that hands datagrams to in-memory clients by address, and DTLS that completes on the first
 * datagram with keys fixed per connection. Clients answer offers, pass an ICE check, "handshake", and send and
 * receive real SRTP. No sockets, no threads, no sleeps: every step happens when the test calls it.
 */
final class EngineHarness {

    static final SrtpProfile PROFILE = SrtpProfile.AEAD_AES_128_GCM;
    private static final CertificateFingerprint FINGERPRINT = DtlsCertificate.generate().fingerprint();

    final SfuMetrics metrics = new SfuMetrics();
    final SfuEngine engine;
    private final ArrayDeque<Runnable> posted = new ArrayDeque<>();
    private final Map<InetSocketAddress, Client> byAddress = new HashMap<>();
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<SfuOffer>> offers = new HashMap<>();
    private final List<FakeDtls> sessions = new ArrayList<>();
    /** Sends to these addresses throw, as a bug on one subscriber's path would. */
    final Set<InetSocketAddress> failingDestinations = new java.util.HashSet<>();
    /** While set, the loop's bounded task queue refuses everything (as when full); DTLS events still go through. */
    boolean tasksRefused;
    /** Every datagram the engine sent, to any address. */
    final List<InetSocketAddress> sentTo = new ArrayList<>();
    private long millis = 1_000_000;
    private int nextHost = 1;

    EngineHarness(int maxParticipantsPerRoom) {
        InetAddress server = address(0);
        SfuSettings settings = new SfuSettings(server, 40000, List.of(server), maxParticipantsPerRoom, 30_000);
        engine = new SfuEngine(settings, (room, id, offer) -> offers.computeIfAbsent(id, k -> new ArrayDeque<>())
                .add(offer), metrics, this::deliver, task -> {
                    if (!tasksRefused) {
                        posted.add(task);
                    }
                }, posted::add, new FakeDtlsFactory(), new SplittableRandom(7));
        engine.listening(40000);
        clock();
    }

    private static InetAddress address(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 99, (byte) (host >> 8), (byte) host});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    long nowMillis() {
        return millis;
    }

    void advance(long ms) {
        millis += ms;
        clock();
    }

    private void clock() {
        engine.clock(millis, millis * 1_000_000L);
    }

    /** Runs what was posted to the loop, and what that posts, until nothing is left. */
    void drain() {
        Runnable r;
        while ((r = posted.poll()) != null) {
            r.run();
        }
    }

    /**
     * Runs the loop's timer once (consent, DTLS, receiver reports), after every client's consent check, as browsers
     * send one every few seconds (RFC 7675).
     */
    void tick() {
        for (Client c : clients.values()) {
            if (c.serverUfrag != null) {
                c.checkFrom(c.address);
            }
        }
        engine.tick();
        drain();
    }

    /** Answers every outstanding offer of every client until none is left. */
    void settle() {
        boolean progress = true;
        while (progress) {
            drain();
            progress = false;
            for (Client c : clients.values()) {
                ArrayDeque<SfuOffer> queue = offers.get(c.id);
                SfuOffer offer;
                while (queue != null && (offer = queue.poll()) != null) {
                    c.answer(offer);
                    progress = true;
                }
            }
        }
    }

    /** A participant that asks for an SFU connection, answers, checks and handshakes; its media is not sent yet. */
    Client join(String room, String id) {
        Client c = new Client(room, id, new InetSocketAddress(address(nextHost++), 50000));
        clients.put(id, c);
        byAddress.put(c.address, c);
        if (!engine.connect(room, id, Set.of())) {
            throw new IllegalStateException("room full");
        }
        settle();
        c.checkAndHandshake();
        settle();
        return c;
    }

    void leave(Client c) {
        engine.leave(c.room, c.id);
        clients.remove(c.id);
        byAddress.remove(c.address);
        offers.remove(c.id);
        settle();
    }

    private boolean deliver(byte[] buf, int off, int len, InetSocketAddress to) {
        sentTo.add(to);
        if (failingDestinations.contains(to)) {
            throw new IllegalStateException("a bug on the way to " + to);
        }
        Client c = byAddress.get(to);
        if (c != null) {
            c.receive(java.util.Arrays.copyOfRange(buf, off, off + len));
        }
        return true;
    }

    int openDtlsSessions() {
        return (int) sessions.stream().filter(s -> !s.closed).count();
    }

    /** One in-memory browser: its keys mirror the SFU's for its connection. */
    final class Client {
        final String room;
        final String id;
        final InetSocketAddress address;
        final long audioSsrc;
        final long videoSsrc;
        SrtpContext sender;
        SrtpContext receiver;
        private String serverUfrag;
        private String serverPassword;
        /** SSRC → the publisher id and source its section carries, from the latest offer. */
        final Map<Long, String> sectionOwners = new HashMap<>();
        /** Decrypted RTP received, by SSRC. */
        final Map<Long, Integer> rtpBySsrc = new HashMap<>();
        /** Decrypted RTP received, by sequence number, per SSRC (for retransmission tests). */
        final Map<Long, List<Integer>> sequencesBySsrc = new HashMap<>();
        /** What the SFU sent that did not decrypt (a replayed retransmission is counted apart, as a browser drops it). */
        int undecryptable;
        int replays;
        /** RTCP the SFU sent this client, decrypted and parsed. */
        final List<dev.parley.rtp.RtcpPacket> rtcpReceived = new ArrayList<>();
        private int transportSeq;
        private int audioSeq;
        private int videoSeq;

        Client(String room, String id, InetSocketAddress address) {
            this.room = room;
            this.id = id;
            this.address = address;
            this.audioSsrc = 0x1000_0000L + address.getAddress().hashCode() * 2L % 0x0fff_ffffL;
            this.videoSsrc = audioSsrc + 1;
        }

        void answer(SfuOffer offer) {
            SessionDescription sdp;
            try {
                sdp = SessionDescription.parse(offer.sdp());
            } catch (dev.parley.sdp.SdpParseException e) {
                throw new IllegalStateException(e);
            }
            TransportParameters t = sdp.transportOf(sdp.media().get(0));
            serverUfrag = t.iceUfrag();
            serverPassword = t.icePwd();
            // A browser drops the SRTP state of an SSRC that left its remote description, as libwebrtc does.
            java.util.Set<Long> before = new java.util.HashSet<>(sectionOwners.keySet());
            sectionOwners.clear();
            StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE");
            for (MediaDescription m : sdp.media()) {
                s.append(' ').append(m.mid());
            }
            s.append("\r\n");
            for (int i = 0; i < sdp.media().size(); i++) {
                MediaDescription m = sdp.media().get(i);
                boolean audio = m.kind().equals(MediaDescription.AUDIO);
                s.append("m=").append(m.kind()).append(" 9 UDP/TLS/RTP/SAVPF ").append(audio ? 111 : 96)
                        .append("\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:cli").append(id.hashCode() & 0xffff)
                        .append("\r\na=ice-pwd:clientpasswordclientpassword\r\n")
                        .append("a=fingerprint:").append(FINGERPRINT.toSdp()).append("\r\na=setup:active\r\n")
                        .append("a=mid:").append(m.mid()).append("\r\na=").append(i < 3 ? "sendonly" : "recvonly")
                        .append("\r\na=rtcp-mux\r\n")
                        .append(audio ? "a=rtpmap:111 opus/48000/2\r\n" : "a=rtpmap:96 VP8/90000\r\n");
                if (i == 0) {
                    s.append("a=ssrc:").append(audioSsrc).append(" cname:x\r\n");
                } else if (i == 1) {
                    s.append("a=ssrc:").append(videoSsrc).append(" cname:x\r\n");
                }
                if (i >= 3) {
                    for (long ssrc : m.ssrcIds()) {
                        sectionOwners.put(ssrc, m.mid());
                    }
                }
            }
            before.removeAll(sectionOwners.keySet());
            if (receiver != null) {
                before.forEach(receiver::forget);
            }
            for (SfuOffer.OfferedTrack track : offer.tracks()) {
                sectionOwners.replaceAll((ssrc, mid) -> mid.equals(track.mid())
                        ? track.participant() + "/" + track.source().wire() : mid);
            }
            AnswerOutcome outcome = engine.answer(room, id, offer.version(), s.toString());
            if (!outcome.ok()) {
                throw new IllegalStateException("answer refused: " + outcome);
            }
        }

        void checkAndHandshake() {
            checkFrom(address);
            byte[] clientHello = {22, (byte) 0xfe, (byte) 0xfd, 0, 0};
            engine.onDatagram(clientHello, clientHello.length, address);
            drain();
        }

        /** A valid, nominating ICE check with this client's credentials, from {@code source} (forged or not). */
        void checkFrom(InetSocketAddress source) {
            byte[] check = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random())
                    .add(new Username(serverUfrag + ":cli" + (id.hashCode() & 0xffff))).add(new IceControlling(42))
                    .add(new UseCandidate()).add(new Priority(0x6e7f1effL))
                    .messageIntegrity(MessageIntegrity.shortTermKey(serverPassword)).fingerprint().build();
            engine.onDatagram(check, check.length, source);
            drain();
        }

        /** Sends {@code count} video packets (and one audio packet) through the SFU. */
        void publish(int count) {
            sendRtp(audioSsrc, 111, audioSeq++);
            for (int i = 0; i < count; i++) {
                sendRtp(videoSsrc, 96, videoSeq++);
            }
        }

        /** Sends one video packet carrying the next transport-wide sequence number (one-byte header extension). */
        void publishWithTransportCc() {
            int seq = videoSeq++;
            byte[] rtp = new byte[120];
            rtp[0] = (byte) 0x90; // X: an extension block
            rtp[1] = 96;
            rtp[2] = (byte) (seq >> 8);
            rtp[3] = (byte) seq;
            for (int i = 0; i < 4; i++) {
                rtp[8 + i] = (byte) (videoSsrc >> (24 - 8 * i));
            }
            rtp[12] = (byte) 0xBE;
            rtp[13] = (byte) 0xDE;
            rtp[15] = 1;
            rtp[16] = (byte) ((OfferWriter.TRANSPORT_CC_EXTENSION_ID << 4) | 1);
            rtp[17] = (byte) (transportSeq >> 8);
            rtp[18] = (byte) transportSeq;
            transportSeq++;
            sendSrtp(rtp, false);
        }

        /** Skips {@code n} video sequence numbers, as if they were lost on the way to the SFU. */
        void loseVideo(int n) {
            videoSeq += n;
        }

        void sendRtp(long ssrc, int pt, int seq) {
            byte[] rtp = new byte[120];
            rtp[0] = (byte) 0x80;
            rtp[1] = (byte) pt;
            rtp[2] = (byte) (seq >> 8);
            rtp[3] = (byte) seq;
            rtp[7] = (byte) seq;
            rtp[8] = (byte) (ssrc >> 24);
            rtp[9] = (byte) (ssrc >> 16);
            rtp[10] = (byte) (ssrc >> 8);
            rtp[11] = (byte) ssrc;
            sendSrtp(rtp, false);
        }

        void sendRtcp(List<RtcpPacket> packets) {
            byte[] plain = new byte[4096];
            int n = RtcpCompound.encode(packets, plain, 0);
            sendSrtp(java.util.Arrays.copyOf(plain, n), true);
        }

        private void sendSrtp(byte[] plain, boolean rtcp) {
            if (!trySendPlain(plain, rtcp)) {
                throw new IllegalStateException("the client's own SRTP refused a packet");
            }
        }

        /** Protects any bytes as SRTP or SRTCP with this client's keys and sends them; false if SRTP refuses them. */
        boolean trySendPlain(byte[] plain, boolean rtcp) {
            byte[] out = new byte[plain.length + 64];
            try {
                int n = rtcp ? sender.protectRtcp(plain, 0, plain.length, out, 0)
                        : sender.protectRtp(plain, 0, plain.length, out, 0);
                engine.onDatagram(out, n, address);
            } catch (SrtpException e) {
                return false;
            }
            drain();
            return true;
        }

        void receive(byte[] datagram) {
            if (receiver == null || (datagram[0] & 0xc0) != 0x80) {
                return;
            }
            int pt = datagram[1] & 0xff;
            if (pt >= 192 && pt <= 223) {
                byte[] plain = new byte[datagram.length];
                try {
                    int n = receiver.unprotectRtcp(datagram, 0, datagram.length, plain, 0);
                    rtcpReceived.addAll(RtcpCompound.parse(plain, 0, n));
                } catch (SrtpException | dev.parley.rtp.RtpParseException e) {
                    undecryptable++;
                }
                return;
            }
            byte[] out = new byte[datagram.length];
            try {
                int n = receiver.unprotectRtp(datagram, 0, datagram.length, out, 0);
                long ssrc = ((out[8] & 0xffL) << 24) | ((out[9] & 0xff) << 16) | ((out[10] & 0xff) << 8)
                        | (out[11] & 0xff);
                rtpBySsrc.merge(ssrc, 1, Integer::sum);
                sequencesBySsrc.computeIfAbsent(ssrc, k -> new ArrayList<>())
                        .add(((out[2] & 0xff) << 8) | (out[3] & 0xff));
                if (n < 12) {
                    throw new IllegalStateException("short RTP");
                }
            } catch (SrtpException e) {
                if (e.reason() == SrtpException.Reason.REPLAYED || e.reason() == SrtpException.Reason.TOO_OLD) {
                    replays++;
                } else {
                    undecryptable++;
                }
            }
        }

        /** The engine's peer of this client (for assertions on its state). */
        Peer peerForTests(EngineHarness h) {
            return h.engine.peerForTests(room, id);
        }

        /** The SSRC of the section carrying {@code publisher}'s {@code source}, or -1. */
        long ssrcOf(Client publisher, Source source) {
            String want = publisher.id + "/" + source.wire();
            return sectionOwners.entrySet().stream().filter(e -> e.getValue().equals(want))
                    .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
        }

        /** Decrypted video packets received from {@code publisher}'s camera. */
        int videoFrom(Client publisher) {
            long ssrc = ssrcOf(publisher, Source.CAMERA);
            return ssrc < 0 ? 0 : rtpBySsrc.getOrDefault(ssrc, 0);
        }
    }

    private final class FakeDtlsFactory implements DtlsFactory {
        private int count;

        @Override
        public CertificateFingerprint localFingerprint() {
            return FINGERPRINT;
        }

        @Override
        public DtlsSession start(DtlsRole role, CertificateFingerprint remote, DtlsOutput output, long nowMillis) {
            FakeDtls session = new FakeDtls(output, ++count);
            sessions.add(session);
            return session;
        }
    }

    /** Completes on the first datagram; the client with the same address gets the mirrored keys. */
    private final class FakeDtls implements DtlsSession {
        private final DtlsOutput output;
        private final int n;
        boolean done;
        boolean closed;

        FakeDtls(DtlsOutput output, int n) {
            this.output = output;
            this.n = n;
        }

        @Override
        public void receive(byte[] buf, int off, int len, long nowMillis) {
            if (done) {
                return;
            }
            done = true;
            byte[] serverKey = fill(16, 1);
            byte[] serverSalt = fill(12, 2);
            byte[] clientKey = fill(16, 3);
            byte[] clientSalt = fill(12, 4);
            SrtpKeys keys = new SrtpKeys(PROFILE, serverKey, serverSalt, clientKey, clientSalt);
            // The client is whoever sits at the address this datagram came from; the engine tells us nothing of it,
            // so the harness hands the mirrored keys to the client that is handshaking now (one at a time).
            for (Client c : clients.values()) {
                if (c.sender == null) {
                    c.sender = SrtpContext.create(PROFILE, clientKey, clientSalt);
                    c.receiver = SrtpContext.create(PROFILE, serverKey, serverSalt);
                }
            }
            output.event(new DtlsEvent.HandshakeComplete(keys, 1));
        }

        private byte[] fill(int length, int salt) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                b[i] = (byte) (n * 31 + salt * 7 + i);
            }
            return b;
        }

        @Override
        public void tick(long nowMillis) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
