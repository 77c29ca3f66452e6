package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.srtp.SrtpContext;
import dev.parley.srtp.SrtpProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our endpoints back to back in memory, against each other and against a plain BouncyCastle client. */
class DtlsEndpointTest {

    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    private static final int GCM = SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM;
    private static final int CM80 = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;

    /**
     * The default limits with a 30 s handshake timeout: these tests share two cores with other
     * builds, and a cold handshake under that load can take seconds (BouncyCastle then resends
     * flights after 1 s, 2 s, 4 s). The timeout itself is tested with {@link DtlsSettings#DEFAULT}.
     */
    /**
     * A queue of 256: the junk test puts 14 datagrams before and after each of the client's (up to five per flight),
     * and with the default 64 a busy machine's slow handshake thread could see a real one dropped, then every resend
     * too, until the handshake timed out. The bound itself is tested with a queue of 2 below.
     */
    private static final DtlsSettings SETTINGS = new DtlsSettings(30_000, 256, 1200);

    private DtlsEndpoint server;
    private DtlsEndpoint client;

    @AfterEach
    void stopThreads() throws InterruptedException {
        for (DtlsEndpoint e : new DtlsEndpoint[] {server, client}) {
            if (e != null) {
                e.close();
                assertThat(e.awaitThreadExit(Outputs.WAIT)).as("handshake thread ends").isTrue();
            }
        }
    }

    private DtlsEndpoint endpoint(DtlsRole role, DtlsCertificate mine, CertificateFingerprint theirs, Outputs out) {
        return new DtlsEndpoint(role, mine, theirs, SETTINGS, out);
    }

    /** Our server, wired to a BouncyCastle client. */
    private CompletableFuture<Void> serveBouncyCastleClient(BouncyCastleClient bc, Outputs serverOut) {
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, bc.certificate.fingerprint(), serverOut);
        serverOut.peer = bc::deliver;
        bc.toServer = d -> server.receive(d, 0, d.length, System.currentTimeMillis());
        server.start(System.currentTimeMillis());
        return bc.connect();
    }

    @Test
    void serverAndBouncyCastleClientExportTheSameKeysAndPreferGcmOverTheClientsOrder() throws Exception {
        BouncyCastleClient bc = new BouncyCastleClient(CM80, GCM); // Chrome lists AES-CM first
        Outputs serverOut = new Outputs();

        CompletableFuture<Void> connected = serveBouncyCastleClient(bc, serverOut);

        SrtpKeys keys = serverOut.next(DtlsEvent.HandshakeComplete.class).keys();
        connected.get(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(keys.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(bc.selectedProfile).isEqualTo(GCM);
        assertThat(bc.serverCertificate).isEqualTo(SERVER_CERT.encoded());
        // RFC 5764 §4.2: client key (16) | server key (16) | client salt (12) | server salt (12)
        byte[] m = bc.exported;
        assertThat(keys.remoteMasterKey()).isEqualTo(Arrays.copyOfRange(m, 0, 16));
        assertThat(keys.localMasterKey()).isEqualTo(Arrays.copyOfRange(m, 16, 32));
        assertThat(keys.remoteMasterSalt()).isEqualTo(Arrays.copyOfRange(m, 32, 44));
        assertThat(keys.localMasterSalt()).isEqualTo(Arrays.copyOfRange(m, 44, 56));
        SrtpContext clientSender = SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM,
                Arrays.copyOfRange(m, 0, 16), Arrays.copyOfRange(m, 32, 44));
        assertRoundTrip(clientSender, keys.newReceiverContext());
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.CONNECTED);
    }

    @Test
    void serverChoosesAesCmWhenItIsAllTheClientOffers() throws Exception {
        BouncyCastleClient bc = new BouncyCastleClient(CM80);
        Outputs serverOut = new Outputs();

        CompletableFuture<Void> connected = serveBouncyCastleClient(bc, serverOut);

        SrtpKeys keys = serverOut.next(DtlsEvent.HandshakeComplete.class).keys();
        connected.get(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(keys.profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        byte[] m = bc.exported;
        assertThat(keys.localMasterKey()).isEqualTo(Arrays.copyOfRange(m, 16, 32));
        assertThat(keys.localMasterSalt()).isEqualTo(Arrays.copyOfRange(m, 46, 60));
        SrtpContext clientReceiver = SrtpContext.create(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                Arrays.copyOfRange(m, 16, 32), Arrays.copyOfRange(m, 46, 60));
        assertRoundTrip(keys.newSenderContext(), clientReceiver);
    }

    @Test
    void serverFailsWhenNoSrtpProfileIsCommon() throws Exception {
        BouncyCastleClient bc = new BouncyCastleClient(SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM);
        Outputs serverOut = new Outputs();

        CompletableFuture<Void> connected = serveBouncyCastleClient(bc, serverOut);

        assertThat(serverOut.next(DtlsEvent.Failed.class).reason()).contains("no common SRTP profile").contains("0x0008");
        assertThatThrownBy(() -> connected.get(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.FAILED);
    }

    @Test
    void serverRequiresTheExtendedMasterSecret() throws Exception {
        BouncyCastleClient bc = new BouncyCastleClient(GCM);
        bc.extendedMasterSecret = false;
        Outputs serverOut = new Outputs();

        CompletableFuture<Void> connected = serveBouncyCastleClient(bc, serverOut);

        serverOut.next(DtlsEvent.Failed.class);
        assertThatThrownBy(() -> connected.get(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void serverRejectsAClientCertificateThatDoesNotMatchTheSdpFingerprint() throws Exception {
        BouncyCastleClient bc = new BouncyCastleClient(GCM);
        Outputs serverOut = new Outputs();
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
        serverOut.peer = bc::deliver;
        bc.toServer = d -> server.receive(d, 0, d.length, System.currentTimeMillis());
        server.start(System.currentTimeMillis());

        CompletableFuture<Void> connected = bc.connect();

        String reason = serverOut.next(DtlsEvent.Failed.class).reason();
        assertThat(reason).contains("does not match the SDP's " + CLIENT_CERT.fingerprint().toSdp())
                .contains(bc.certificate.fingerprint().toSdp());
        assertThatThrownBy(() -> connected.get(Outputs.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(serverOut.drained()).isEmpty();
    }

    @Test
    void ourClientAndServerAgreeOnKeysInBothDirections() throws Exception {
        Outputs serverOut = new Outputs();
        Outputs clientOut = new Outputs();
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
        client = endpoint(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT.fingerprint(), clientOut);
        Outputs.connect(server, serverOut, client, clientOut);

        server.start(System.currentTimeMillis());
        client.start(System.currentTimeMillis());

        SrtpKeys s = serverOut.next(DtlsEvent.HandshakeComplete.class).keys();
        SrtpKeys c = clientOut.next(DtlsEvent.HandshakeComplete.class).keys();
        assertThat(s.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM).isEqualTo(c.profile());
        assertThat(c.localMasterKey()).isEqualTo(s.remoteMasterKey());
        assertThat(c.localMasterSalt()).isEqualTo(s.remoteMasterSalt());
        assertThat(s.localMasterKey()).isEqualTo(c.remoteMasterKey()).isNotEqualTo(c.localMasterKey());
        assertRoundTrip(c.newSenderContext(), s.newReceiverContext());
        assertRoundTrip(s.newSenderContext(), c.newReceiverContext());
    }

    @Test
    void ourClientRejectsAServerWhoseCertificateDoesNotMatchTheSdpFingerprint() throws Exception {
        Outputs serverOut = new Outputs();
        Outputs clientOut = new Outputs();
        DtlsCertificate other = DtlsCertificate.generate();
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
        client = endpoint(DtlsRole.CLIENT, CLIENT_CERT, other.fingerprint(), clientOut);
        Outputs.connect(server, serverOut, client, clientOut);

        server.start(System.currentTimeMillis());
        client.start(System.currentTimeMillis());

        assertThat(clientOut.next(DtlsEvent.Failed.class).reason())
                .isEqualTo("peer certificate fingerprint " + SERVER_CERT.fingerprint().toSdp()
                        + " does not match the SDP's " + other.fingerprint().toSdp());
        assertThat(serverOut.next(DtlsEvent.Failed.class).reason()).contains("bad_certificate");
    }

    @Test
    void garbageAndTruncatedRecordsAreDroppedWithoutBreakingALaterHandshake() throws Exception {
        Outputs serverOut = new Outputs();
        Outputs clientOut = new Outputs();
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
        client = endpoint(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT.fingerprint(), clientOut);
        server.start(0);
        long now = 0;
        int refused = 0;
        for (byte[] junk : Junk.datagrams()) {
            refused += server.receive(junk, 0, junk.length, now) ? 0 : 1;
        }
        assertThat(server.droppedDatagrams()).isEqualTo(refused).isGreaterThan(0);
        // Every real datagram of the client is preceded by junk, and followed by a truncated copy of itself.
        serverOut.peer = d -> client.receive(d, 0, d.length, 0);
        clientOut.peer = d -> {
            for (byte[] junk : Junk.plausibleRecords()) {
                server.receive(junk, 0, junk.length, 0);
            }
            server.receive(d, 0, d.length, 0);
            server.receive(d, 0, Math.max(13, d.length / 2), 0);
        };

        client.start(0);

        SrtpKeys s = serverOut.next(DtlsEvent.HandshakeComplete.class).keys();
        SrtpKeys c = clientOut.next(DtlsEvent.HandshakeComplete.class).keys();
        assertThat(c.localMasterKey()).isEqualTo(s.remoteMasterKey());
    }

    @Test
    void handshakeWithNoPeerFailsAtTheTimeout() throws Exception {
        Outputs serverOut = new Outputs();
        server = new DtlsEndpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), DtlsSettings.DEFAULT, serverOut);
        server.start(1_000);

        server.tick(10_999);
        assertThat(serverOut.drained()).isEmpty();
        server.tick(11_000);

        assertThat(serverOut.next(DtlsEvent.Failed.class).reason()).isEqualTo("handshake not complete after 10000 ms");
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.FAILED);
        assertThat(server.awaitThreadExit(Outputs.WAIT)).isTrue();
        server.tick(20_000);
        assertThat(serverOut.drained()).isEmpty();
        assertThat(server.receive(new byte[20], 0, 20, 20_000)).isFalse();
    }

    @Test
    void closeNotifyFromThePeerIsReportedAsClosed() throws Exception {
        Outputs serverOut = new Outputs();
        Outputs clientOut = new Outputs();
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
        client = endpoint(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT.fingerprint(), clientOut);
        Outputs.connect(server, serverOut, client, clientOut);
        server.start(0);
        client.start(0);
        serverOut.next(DtlsEvent.HandshakeComplete.class);
        clientOut.next(DtlsEvent.HandshakeComplete.class);

        client.close();

        assertThat(serverOut.next(DtlsEvent.Closed.class).reason()).isEqualTo("peer sent close_notify");
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.CLOSED);
        assertThat(client.awaitThreadExit(Outputs.WAIT)).isTrue();
        assertThat(clientOut.drained()).isEmpty();
    }

    @Test
    void datagramsThatAreNotDtlsOrOverflowTheQueueAreRefusedAndCounted() {
        Outputs out = new Outputs();
        server = new DtlsEndpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(),
                new DtlsSettings(10_000, 2, 1200), out);
        byte[] record = new byte[20];
        record[0] = 22;

        assertThat(server.receive(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 14, 0)).isFalse(); // STUN
        assertThat(server.receive(new byte[20], 0, 0, 0)).isFalse();
        assertThat(server.receive(record, 0, 12, 0)).isFalse(); // shorter than a record header
        assertThat(server.receive(new byte[1501], 0, 1501, 0)).isFalse();
        assertThat(server.receive(record, 0, 20, 0)).isTrue();
        assertThat(server.receive(record, 0, 20, 0)).isTrue();
        assertThat(server.receive(record, 0, 20, 0)).isFalse(); // queue of 2 is full: the thread is not started

        assertThat(server.droppedDatagrams()).isEqualTo(5);
    }

    @Test
    void startingTwiceIsRefused() {
        server = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), new Outputs());
        server.start(0);

        assertThatThrownBy(() -> server.start(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handshakesComplete() throws Exception {
        // Not a benchmark: records wall-clock handshake times (first one on a cold path) for docs/media.md.
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            Outputs serverOut = new Outputs();
            Outputs clientOut = new Outputs();
            DtlsEndpoint s = endpoint(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT.fingerprint(), serverOut);
            DtlsEndpoint c = endpoint(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT.fingerprint(), clientOut);
            Outputs.connect(s, serverOut, c, clientOut);
            s.start(0);
            c.start(0);
            long ms = clientOut.next(DtlsEvent.HandshakeComplete.class).handshakeMillis();
            serverOut.next(DtlsEvent.HandshakeComplete.class);
            times.append(i == 0 ? "" : ", ").append(ms).append(" ms");
            assertThat(ms).isLessThan(Duration.ofSeconds(30).toMillis());
            c.close();
            s.close();
            assertThat(c.awaitThreadExit(Outputs.WAIT) && s.awaitThreadExit(Outputs.WAIT)).isTrue();
        }
        System.out.println("DTLS handshake, our client vs our server, in memory: " + times);
    }

    static void assertRoundTrip(SrtpContext sender, SrtpContext receiver) throws Exception {
        byte[] rtp = new byte[12 + 160];
        rtp[0] = (byte) 0x80;
        rtp[1] = 111;
        rtp[3] = 7; // sequence number 7
        rtp[11] = 42; // SSRC 42
        for (int i = 12; i < rtp.length; i++) {
            rtp[i] = (byte) i;
        }
        byte[] protectedPacket = new byte[rtp.length + 64];
        int n = sender.protectRtp(rtp, 0, rtp.length, protectedPacket, 0);
        assertThat(Arrays.copyOfRange(protectedPacket, 12, rtp.length)).isNotEqualTo(Arrays.copyOfRange(rtp, 12, rtp.length));
        byte[] plain = new byte[n];
        int m = receiver.unprotectRtp(protectedPacket, 0, n, plain, 0);
        assertThat(Arrays.copyOf(plain, m)).isEqualTo(rtp);
    }
}
