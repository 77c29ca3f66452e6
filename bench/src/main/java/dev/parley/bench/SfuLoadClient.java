package dev.parley.bench;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsCertificate;
import dev.parley.dtls.DtlsEndpoint;
import dev.parley.dtls.DtlsEvent;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.DtlsSettings;
import dev.parley.sdp.Direction;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.TransportParameters;
import dev.parley.srtp.SrtpContext;
import dev.parley.srtp.SrtpException;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One synthetic participant of the SFU benchmark, on its own UDP socket on 127.0.0.1, doing what a browser does on its
 * SFU connection: answers each offer (same number of sections and mids; {@code a=setup:active}; its publishing SSRC in
 * the camera slot), nominates the SFU's candidate with an ICE check (USE-CANDIDATE, as the controlling agent), runs
 * the DTLS client handshake, then sends SRTP video (publishers) and receives the forwarded streams.
 *
 * <p>Threads: offers and answer results arrive on the SFU host's reader thread; DTLS events on the DTLS thread; RTP is
 * sent only by the pacer thread ({@link #sendVideo}) and received only by the receiver thread ({@link #onDatagram}).
 * Fields shared between them are volatile or atomic.
 */
final class SfuLoadClient {

    /** RTP packet size before SRTP (header, one-byte {@code sdes:mid} extension, payload). */
    static final int RTP_BYTES = 1200;
    static final int VP8_PT = 96;
    static final int PACKETS_PER_FRAME = 5;
    static final int FRAME_TICKS = 3000; // 30 frames/s at 90 kHz
    /** Send times kept per publisher, by sequence number: more than any in-flight window. */
    static final int RING = 1 << 15;
    /** Payload marker so a verified packet is known to be ours. */
    static final int MAGIC = 0x5046_574E;
    private static final int HEADER = 20; // 12 + 4 (extension header) + 4 (mid "1", padded)
    private static final SecureRandom RANDOM = new SecureRandom();

    final String room;
    final String id;
    final int index;
    final boolean publishes;
    final DatagramChannel channel;
    private final InetSocketAddress sfu;
    private final DtlsCertificate certificate;
    private final SfuHostHandle host;
    private final String ufrag = randomToken(8);
    private final String password = randomToken(24);
    private final long tieBreaker = RANDOM.nextLong();

    // Negotiation (host reader thread; read elsewhere).
    private volatile String serverUfrag;
    private volatile String serverPassword;
    private volatile CertificateFingerprint serverFingerprint;
    private volatile int latestOffer;
    private volatile int accepted;
    private volatile boolean checkSent;
    private volatile String failure;
    /** The forwarded camera streams this client receives: out SSRC → publisher; replaced whole by each offer. */
    private volatile Forwarded[] forwarded = new Forwarded[0];

    // ICE and DTLS.
    private volatile TransactionId pendingCheck;
    private volatile boolean iceDone;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpContext sender;
    private volatile SrtpContext receiver;
    private volatile long handshakeMillis = -1;
    private volatile String srtpProfile;

    // Publishing (pacer thread).
    final long ssrc = (RANDOM.nextInt() & 0x7fff_ffffL) | 1;
    private final byte[] plain = new byte[RTP_BYTES];
    private final byte[] wire = new byte[RTP_BYTES + 64];
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(RTP_BYTES + 64);
    private int seq = RANDOM.nextInt(0x10000);
    private long rtpTimestamp = RANDOM.nextInt() & 0xffff_ffffL;
    private long packetsSent;
    final AtomicLongArray sentAt = new AtomicLongArray(RING);
    final AtomicIntegerArray sentSeq = new AtomicIntegerArray(RING);
    /** Packets this publisher sent inside the current phase's window (pacer thread writes). */
    volatile long windowSent;
    volatile long sendFailures;

    // Receiving (receiver thread).
    private final byte[] decrypted = new byte[2048];
    private int verifyCounter;
    private int lastHit;

    /** One forwarded stream: the SSRC the SFU writes and the publisher it comes from. */
    record Forwarded(long ssrc, SfuLoadClient publisher) {
    }

    SfuLoadClient(String room, String id, int index, boolean publishes, InetSocketAddress sfu,
            DtlsCertificate certificate, SfuHostHandle host, int receiveBuffer) throws IOException {
        this.room = room;
        this.id = id;
        this.index = index;
        this.publishes = publishes;
        this.sfu = sfu;
        this.certificate = certificate;
        this.host = host;
        channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        for (int i = 0; i < RING; i++) {
            sentSeq.set(i, -1);
        }
        for (int i = HEADER + 16; i < RTP_BYTES; i++) {
            plain[i] = (byte) (i * 31);
        }
    }

    // ---- negotiation -----------------------------------------------------------------------------------------------

    /** An offer (first or re-offer): answer it, and learn which SSRC carries which publisher. */
    void onOffer(int version, String sdp, List<SfuHostHandle.OfferedTrack> tracks, Map<String, SfuLoadClient> byId) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(sdp);
        } catch (SdpParseException e) {
            fail("the SFU's offer does not parse: " + e.getMessage());
            return;
        }
        if (serverUfrag == null) {
            TransportParameters t = offer.transportOf(offer.media().getFirst());
            serverPassword = t.icePwd();
            serverFingerprint = CertificateFingerprint.parse(t.fingerprints().getFirst().encode());
            serverUfrag = t.iceUfrag();
        }
        List<Forwarded> streams = new ArrayList<>();
        for (SfuHostHandle.OfferedTrack track : tracks) {
            if (!track.source().equals("camera")) {
                continue;
            }
            SfuLoadClient publisher = byId.get(track.publisher());
            MediaDescription m = offer.media(track.mid()).orElse(null);
            // Every participant's camera section is offered (the SFU expects everyone to publish one); only
            // publishers' carry packets.
            if (publisher != null && publisher.publishes && m != null && !m.ssrcIds().isEmpty()) {
                streams.add(new Forwarded(m.ssrcIds().getFirst(), publisher));
            }
        }
        forwarded = streams.toArray(new Forwarded[0]);
        latestOffer = version;
        host.answer(room, id, version, answer(offer, version));
    }

    /** The SFU applied (or refused) an answer. The first accepted one starts ICE. */
    void onAnswered(int version, String refusal) {
        if (refusal != null) {
            fail("answer " + version + " refused: " + refusal);
            return;
        }
        accepted = Math.max(accepted, version);
        if (!checkSent) {
            checkSent = true;
            sendCheck();
        }
    }

    void fail(String why) {
        if (failure == null) {
            failure = id + ": " + why;
        }
    }

    String failure() {
        return failure;
    }

    /** Connected (SRTP keys), and the newest offer answered and accepted. */
    boolean settled() {
        return sender != null && latestOffer != 0 && accepted == latestOffer;
    }

    /** DTLS done: SRTP keys in hand. */
    boolean connected() {
        return sender != null;
    }

    /** How many publishers' camera streams this client has been offered. */
    int forwardedStreams() {
        return forwarded.length;
    }

    /** Where this client's setup stands, for a setup that timed out. */
    String describe() {
        DtlsEndpoint d = dtls;
        return id + " in " + room + ": offer " + latestOffer + ", accepted " + accepted + ", check sent " + checkSent
                + ", ICE " + (iceDone ? "done" : "pending") + ", DTLS " + (d == null ? "not started" : d.state())
                + ", SRTP " + (sender != null) + ", streams " + forwarded.length;
    }

    String srtpProfile() {
        return srtpProfile;
    }

    long handshakeMillis() {
        return handshakeMillis;
    }

    /**
     * The answer a browser would give, reduced to what the SFU reads: the offer's sections in order with their mids,
     * ICE and DTLS attributes in each, the camera slot {@code sendonly} with our SSRC if we publish, others' tracks
     * {@code recvonly}, everything else {@code inactive}.
     */
    String answer(SessionDescription offer, int version) {
        StringBuilder s = new StringBuilder();
        s.append("v=0\r\no=- ").append(Math.abs(id.hashCode()) + 1).append(' ').append(version)
                .append(" IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE");
        for (MediaDescription m : offer.media()) {
            s.append(' ').append(m.mid());
        }
        s.append("\r\na=msid-semantic: WMS *\r\n");
        for (MediaDescription m : offer.media()) {
            boolean audio = m.kind().equals(MediaDescription.AUDIO);
            Direction offered = m.direction() == null ? Direction.SENDRECV : m.direction();
            boolean cameraSlot = m.mid().equals("1");
            String direction;
            if (offered == Direction.RECVONLY) {
                direction = publishes && cameraSlot ? "sendonly" : "inactive";
            } else if (offered == Direction.SENDONLY || offered == Direction.SENDRECV) {
                direction = "recvonly";
            } else {
                direction = "inactive";
            }
            s.append("m=").append(m.kind()).append(" 9 UDP/TLS/RTP/SAVPF ").append(audio ? 111 : VP8_PT).append("\r\n")
                    .append("c=IN IP4 0.0.0.0\r\n")
                    .append("a=ice-ufrag:").append(ufrag).append("\r\n")
                    .append("a=ice-pwd:").append(password).append("\r\n")
                    .append("a=fingerprint:").append(certificate.fingerprint().toSdp()).append("\r\n")
                    .append("a=setup:active\r\n")
                    .append("a=mid:").append(m.mid()).append("\r\n")
                    .append("a=").append(direction).append("\r\n")
                    .append("a=rtcp-mux\r\n")
                    .append(audio ? "a=rtpmap:111 opus/48000/2\r\n" : "a=rtpmap:96 VP8/90000\r\n");
            if (direction.equals("sendonly")) {
                s.append("a=msid:").append(id).append(" camera\r\n")
                        .append("a=ssrc:").append(ssrc).append(" cname:x\r\n");
            }
        }
        return s.toString();
    }

    // ---- ICE -------------------------------------------------------------------------------------------------------

    /** A connectivity check nominating the SFU's one candidate; repeated as a consent refresh (RFC 7675). */
    void sendCheck() {
        if (serverUfrag == null) {
            return;
        }
        TransactionId tx = TransactionId.random();
        StunMessageBuilder b = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, tx)
                .add(new Username(serverUfrag + ":" + ufrag))
                .add(new IceControlling(tieBreaker))
                .add(new UseCandidate())
                .add(new Priority(0x6e7f_1effL))
                .messageIntegrity(MessageIntegrity.shortTermKey(serverPassword))
                .fingerprint();
        pendingCheck = tx;
        sendRaw(b.build());
    }

    private void onStun(byte[] buf, int len) {
        StunMessage m;
        try {
            m = StunMessage.parse(buf, 0, len);
        } catch (StunParseException e) {
            return;
        }
        if (m.messageClass() != StunClass.SUCCESS_RESPONSE || !m.transactionId().equals(pendingCheck)) {
            return;
        }
        if (!iceDone) {
            iceDone = true;
            startDtls();
        }
    }

    // ---- DTLS ------------------------------------------------------------------------------------------------------

    private void startDtls() {
        long started = System.nanoTime();
        DtlsEndpoint endpoint = new DtlsEndpoint(DtlsRole.CLIENT, certificate, serverFingerprint, DtlsSettings.DEFAULT,
                new DtlsOutput() {
                    @Override
                    public void send(byte[] datagram) {
                        sendRaw(datagram);
                    }

                    @Override
                    public void event(DtlsEvent event) {
                        switch (event) {
                            case DtlsEvent.HandshakeComplete done -> {
                                receiver = done.keys().newReceiverContext();
                                handshakeMillis = (System.nanoTime() - started) / 1_000_000;
                                srtpProfile = done.keys().profile().toString();
                                sender = done.keys().newSenderContext();
                            }
                            case DtlsEvent.Failed failed -> fail("DTLS failed: " + failed.reason());
                            case DtlsEvent.Closed closed -> {
                                if (sender == null) {
                                    fail("DTLS closed: " + closed.reason());
                                }
                            }
                        }
                    }
                });
        dtls = endpoint;
        endpoint.start(System.currentTimeMillis());
    }

    void tickDtls() {
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.tick(System.currentTimeMillis());
        }
    }

    // ---- sending (pacer thread) ------------------------------------------------------------------------------------

    /**
     * Sends the next 1,200-byte VP8 packet: marker bit on the last packet of each 5-packet frame, timestamp one frame
     * on per frame; the payload starts with {@link #MAGIC}, this publisher's index and the send time. The send time is
     * also kept by sequence number, for receivers that do not decrypt the packet.
     */
    void sendVideo(long windowStart, long windowEnd) {
        SrtpContext context = sender;
        if (context == null) {
            return;
        }
        int s = seq;
        seq = (seq + 1) & 0xffff;
        boolean lastOfFrame = (packetsSent + 1) % PACKETS_PER_FRAME == 0;
        byte[] p = plain;
        p[0] = (byte) 0x90; // V=2, X=1
        p[1] = (byte) ((lastOfFrame ? 0x80 : 0) | VP8_PT);
        put16(p, 2, s);
        put32(p, 4, rtpTimestamp);
        put32(p, 8, ssrc);
        put16(p, 12, 0xBEDE);
        put16(p, 14, 1);
        p[16] = 0x10; // id 1 (sdes:mid), one byte
        p[17] = '1';  // the camera slot
        p[18] = 0;
        p[19] = 0;
        put32(p, HEADER, MAGIC);
        put32(p, HEADER + 4, index);
        long now = System.nanoTime();
        putLong(p, HEADER + 8, now);
        int slot = s & (RING - 1);
        sentAt.set(slot, now);
        sentSeq.set(slot, s);
        if (now - windowStart >= 0 && now - windowEnd < 0) {
            windowSent++;
        }
        packetsSent++;
        if (lastOfFrame) {
            rtpTimestamp = (rtpTimestamp + FRAME_TICKS) & 0xffff_ffffL;
        }
        try {
            int n = context.protectRtp(p, 0, RTP_BYTES, wire, 0);
            sendBuffer.clear();
            sendBuffer.put(wire, 0, n).flip();
            if (channel.send(sendBuffer, sfu) == 0) {
                sendFailures++;
            }
        } catch (SrtpException | IOException e) {
            sendFailures++;
        }
    }

    private void sendRaw(byte[] datagram) {
        try {
            channel.send(ByteBuffer.wrap(datagram), sfu);
        } catch (IOException e) {
            fail("send: " + e.getMessage());
        }
    }

    // ---- receiving (receiver thread) -------------------------------------------------------------------------------

    /** One datagram from the SFU, demultiplexed by its first byte (RFC 7983). */
    void onDatagram(byte[] buf, int len, long now, SfuPhase phase, int verifyEvery) {
        int first = buf[0] & 0xff;
        if (first <= 3) {
            onStun(buf, len);
        } else if (first >= 20 && first <= 63) {
            DtlsEndpoint d = dtls;
            if (d != null) {
                d.receive(buf, 0, len, System.currentTimeMillis());
            }
        } else if (first >= 128 && first <= 191 && len >= 12) {
            int pt = buf[1] & 0xff;
            if (pt >= 192 && pt <= 223) {
                phase.rtcp++;
            } else {
                onRtp(buf, len, now, phase, verifyEvery);
            }
        } else {
            phase.other++;
        }
    }

    private void onRtp(byte[] buf, int len, long now, SfuPhase phase, int verifyEvery) {
        long outSsrc = u32(buf, 8);
        Forwarded[] streams = forwarded;
        SfuLoadClient publisher = null;
        if (lastHit < streams.length && streams[lastHit].ssrc == outSsrc) {
            publisher = streams[lastHit].publisher;
        } else {
            for (int i = 0; i < streams.length; i++) {
                if (streams[i].ssrc == outSsrc) {
                    publisher = streams[i].publisher;
                    lastHit = i;
                    break;
                }
            }
        }
        if (publisher == null) {
            phase.unknownSsrc++;
            return;
        }
        // The SFU's sequence offset is 0 for a section's first source, so the number is the publisher's.
        int s = u16(buf, 2);
        int slot = s & (RING - 1);
        if (publisher.sentSeq.get(slot) != s) {
            phase.stale++;
            return;
        }
        long sentAt = publisher.sentAt.get(slot);
        boolean inWindow = sentAt - phase.windowStart >= 0 && sentAt - phase.windowEnd < 0 && !phase.closed;
        if (inWindow) {
            phase.received++;
            phase.latency.record(now - sentAt);
        }
        if (verifyEvery > 0 && ++verifyCounter >= verifyEvery) {
            verifyCounter = 0;
            verify(buf, len, publisher, sentAt, phase);
        }
    }

    /** Decrypts a forwarded packet and checks it is the publisher's, unaltered, with the send time we looked up. */
    private void verify(byte[] buf, int len, SfuLoadClient publisher, long sentAt, SfuPhase phase) {
        SrtpContext context = receiver;
        if (context == null) {
            return;
        }
        try {
            int n = context.unprotectRtp(buf, 0, len, decrypted, 0);
            // The SFU drops the header extension: 12-byte header, then our payload.
            boolean ok = n == RTP_BYTES - 8 && (decrypted[0] & 0x10) == 0 && u32(decrypted, 12) == MAGIC
                    && u32(decrypted, 16) == publisher.index && getLong(decrypted, 20) == sentAt
                    && (decrypted[1] & 0x7f) == VP8_PT && decrypted[n - 1] == (byte) ((RTP_BYTES - 1) * 31);
            if (ok) {
                phase.verified++;
            } else {
                phase.verifyFailed++;
            }
        } catch (SrtpException e) {
            phase.verifyFailed++;
        }
    }

    void close() {
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing at the end of the run; nothing to do.
        }
    }

    // ---- bytes -----------------------------------------------------------------------------------------------------

    private static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int at, long v) {
        put32(b, at, v >>> 32);
        put32(b, at + 4, v & 0xffff_ffffL);
    }

    private static long getLong(byte[] b, int at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }
}
