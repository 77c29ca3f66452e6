package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsCertificate;
import dev.parley.dtls.DtlsEndpoint;
import dev.parley.dtls.DtlsEvent;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.DtlsSettings;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.TransportParameters;
import dev.parley.srtp.SrtpContext;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SFU's transport against a client built from our own ICE, DTLS and SRTP stacks, on loopback: a certificate that
 * does not match the answer's fingerprint is refused, and replayed or forged SRTP changes only the drop counters.
 */
class SfuTransportSecurityTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long CAMERA_SSRC = 0x1234_5678L;

    private final LinkedBlockingQueue<SfuOffer> offers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<DtlsEvent> dtlsEvents = new LinkedBlockingQueue<>();
    private Sfu sfu;
    private DatagramSocket socket;
    private InetSocketAddress target;
    private DtlsEndpoint dtls;
    private Thread reader;

    @BeforeEach
    void start() throws Exception {
        sfu = Sfu.start(new SfuSettings(LOOPBACK, 0, List.of(LOOPBACK), 50, 30_000),
                (room, id, offer) -> offers.add(offer));
        socket = new DatagramSocket(0, LOOPBACK);
        socket.setSoTimeout(200);
        target = new InetSocketAddress(LOOPBACK, sfu.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (reader != null) {
            reader.interrupt();
            reader.join(5000);
        }
        if (dtls != null) {
            dtls.close();
        }
        socket.close();
        sfu.close();
    }

    @Test
    void aCertificateThatDoesNotMatchTheAnswersFingerprintIsRefused() throws Exception {
        DtlsCertificate presented = DtlsCertificate.generate();
        DtlsCertificate claimed = DtlsCertificate.generate();
        connect(presented, claimed.fingerprint());

        await(() -> sfu.metrics().handshakeFailures(), 1);
        await(() -> sfu.metrics().transports() == 0 ? 1 : 0, 1);
        assertThat(sfu.metrics().handshakes()).isZero();
        assertThat(sfu.metrics().connectedTransports()).isZero();
    }

    @Test
    void replayedAndForgedSrtpChangeOnlyTheDropCounters() throws Exception {
        DtlsCertificate mine = DtlsCertificate.generate();
        connect(mine, mine.fingerprint());
        DtlsEvent done = dtlsEvents.poll(20, TimeUnit.SECONDS);
        assertThat(done).isInstanceOf(DtlsEvent.HandshakeComplete.class);
        await(() -> sfu.metrics().connectedTransports(), 1);
        SrtpContext sender = ((DtlsEvent.HandshakeComplete) done).keys().newSenderContext();

        byte[] rtp = new byte[200];
        rtp[0] = (byte) 0x80;
        rtp[1] = 96;
        rtp[3] = 1; // sequence number 1
        rtp[11] = 0x78;
        rtp[10] = 0x56;
        rtp[9] = 0x34;
        rtp[8] = 0x12; // SSRC 0x12345678, the camera slot's
        byte[] srtp = new byte[300];
        int length = sender.protectRtp(rtp, 0, rtp.length, srtp, 0);
        long srtpDropsBefore = sfu.metrics().drops(DropReason.SRTP);

        send(srtp, length);
        await(() -> sfu.metrics().rtpPacketsReceived(), 1);
        send(srtp, length); // the same packet again: a replay (RFC 3711 §3.3.2)
        await(() -> sfu.metrics().drops(DropReason.SRTP) - srtpDropsBefore, 1);
        byte[] forged = srtp.clone();
        forged[length - 1] ^= 1; // a flipped bit in the authentication tag
        forged[3] = 2;
        send(forged, length);
        await(() -> sfu.metrics().drops(DropReason.SRTP) - srtpDropsBefore, 2);

        assertThat(sfu.metrics().rtpPacketsReceived()).isEqualTo(1);
        assertThat(sfu.metrics().transports()).isEqualTo(1);
    }

    /** sfu-connect, an answer claiming {@code answerFingerprint}, an ICE check, then a DTLS client with {@code cert}. */
    private void connect(DtlsCertificate cert, CertificateFingerprint answerFingerprint) throws Exception {
        assertThat(sfu.connect("r", "p", Set.of(), reason -> { })).isTrue();
        SfuOffer offer = offers.poll(10, TimeUnit.SECONDS);
        assertThat(offer).isNotNull();
        SessionDescription sdp = SessionDescription.parse(offer.sdp());
        TransportParameters server = sdp.transportOf(sdp.media().get(0));
        String answer = answer(answerFingerprint);
        assertThat(sfu.answer("r", "p", offer.version(), answer).get(10, TimeUnit.SECONDS)).isEqualTo(AnswerOutcome.ACCEPTED);

        byte[] check = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random())
                .add(new Username(server.iceUfrag() + ":cli1")).add(new IceControlling(42)).add(new UseCandidate())
                .add(new Priority(0x6e7f1effL)).messageIntegrity(MessageIntegrity.shortTermKey(server.icePwd()))
                .fingerprint().build();
        send(check, check.length);
        DatagramPacket response = receive(10_000);
        assertThat(response).as("a STUN success response").isNotNull();
        assertThat(StunMessage.parse(response.getData(), 0, response.getLength()).messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);

        CertificateFingerprint serverFingerprint = CertificateFingerprint.parse(server.fingerprints().get(0).encode());
        dtls = new DtlsEndpoint(DtlsRole.CLIENT, cert, serverFingerprint, DtlsSettings.DEFAULT, new DtlsOutput() {
            @Override
            public void send(byte[] datagram) {
                SfuTransportSecurityTest.this.send(datagram, datagram.length);
            }

            @Override
            public void event(DtlsEvent event) {
                dtlsEvents.add(event);
            }
        });
        reader = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                DatagramPacket p = receive(200);
                if (p != null && (p.getData()[0] & 0xff) >= 20 && (p.getData()[0] & 0xff) <= 63) {
                    dtls.receive(p.getData(), 0, p.getLength(), System.currentTimeMillis());
                }
            }
        });
        dtls.start(System.currentTimeMillis());
    }

    private static String answer(CertificateFingerprint fingerprint) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0 1 2\r\n");
        String[] kinds = {"audio", "video", "video"};
        for (int mid = 0; mid < 3; mid++) {
            s.append("m=").append(kinds[mid]).append(" 9 UDP/TLS/RTP/SAVPF ").append(mid == 0 ? 111 : 96)
                    .append("\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:cli1\r\na=ice-pwd:clientpasswordclientpassword\r\n")
                    .append("a=fingerprint:").append(fingerprint.toSdp()).append("\r\na=setup:active\r\n")
                    .append("a=mid:").append(mid).append("\r\na=sendonly\r\na=rtcp-mux\r\n")
                    .append(mid == 0 ? "a=rtpmap:111 opus/48000/2\r\n" : "a=rtpmap:96 VP8/90000\r\n");
            if (mid == 1) {
                s.append("a=ssrc:").append(CAMERA_SSRC).append(" cname:x\r\n");
            }
        }
        return s.toString();
    }

    private void send(byte[] bytes, int length) {
        try {
            socket.send(new DatagramPacket(bytes, length, target));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private DatagramPacket receive(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                socket.receive(p);
                return p;
            } catch (SocketTimeoutException e) {
                // try again until the deadline
            } catch (IOException e) {
                return null; // closed
            }
        }
        return null;
    }

    private static void await(LongSupplier counter, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter with a deadline, not synchronising on time
        }
        assertThat(counter.getAsLong()).isGreaterThanOrEqualTo(atLeast);
    }
}
