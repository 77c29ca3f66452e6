package dev.parley.dtls;

import dev.parley.dtls.internal.HandshakeCallbacks;
import dev.parley.dtls.internal.Identity;
import dev.parley.dtls.internal.QueueDatagramTransport;
import dev.parley.dtls.internal.SrtpDtlsClient;
import dev.parley.dtls.internal.SrtpDtlsServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP association (RFC 5764) over BouncyCastle, in the server role ({@code a=setup:passive})
 * or the client role ({@code a=setup:active}). Datagrams and the current time go in; datagrams and
 * {@link DtlsEvent}s come out through a {@link DtlsOutput}.
 *
 * <p>BouncyCastle's {@code DTLSServerProtocol.accept} and {@code DTLSClientProtocol.connect} block
 * on a {@code DatagramTransport}, so each endpoint runs its handshake on its own virtual thread,
 * fed by a bounded queue ({@link DtlsSettings#inboundQueueCapacity}); the thread stays to answer
 * retransmissions and alerts after the handshake, parked while nothing arrives. {@code docs/media.md}
 * explains the choice.
 *
 * <p>Thread-safe: {@link #receive}, {@link #tick} and {@link #close} may be called from any thread
 * (normally the session's executor). The output is called from the handshake thread, and from the
 * caller of {@link #tick} for a timeout.
 */
public final class DtlsEndpoint {

    /** Lifecycle; CLOSED and FAILED are terminal. */
    public enum State { NEW, HANDSHAKING, CONNECTED, CLOSED, FAILED }

    /** RFC 6347 §4.1: a DTLS record header is 13 bytes; nothing shorter is a record. */
    static final int RECORD_HEADER_LENGTH = 13;
    /** After the handshake the thread only waits for alerts and retransmitted flights. */
    private static final int IDLE_WAIT_MILLIS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong IDS = new AtomicLong();

    private final DtlsRole role;
    private final DtlsCertificate certificate;
    private final CertificateFingerprint remoteFingerprint;
    private final DtlsSettings settings;
    private final DtlsOutput output;
    private final QueueDatagramTransport transport;
    private final Thread thread;
    private final LongAdder dropped = new LongAdder();
    private State state = State.NEW;
    private long startedAt;
    private long startedNanos;
    private volatile SrtpKeys keys;
    private volatile DTLSTransport connected;
    private volatile String failureReason;

    /**
     * @param remoteFingerprint the {@code a=fingerprint} of the peer's SDP; its certificate must match
     */
    public DtlsEndpoint(DtlsRole role, DtlsCertificate certificate, CertificateFingerprint remoteFingerprint,
            DtlsSettings settings, DtlsOutput output) {
        this.role = role;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.settings = settings;
        this.output = output;
        this.transport = new QueueDatagramTransport(settings.inboundQueueCapacity(), settings.sendLimit(), output::send);
        this.thread = Thread.ofVirtual().name("dtls-" + role.name().toLowerCase() + "-" + IDS.incrementAndGet())
                .unstarted(this::run);
    }

    public DtlsRole role() {
        return role;
    }

    public synchronized State state() {
        return state;
    }

    /** Datagrams refused: not DTLS by first byte, too short or long, queue full, or after the end. */
    public long droppedDatagrams() {
        return dropped.sum();
    }

    /**
     * Starts the handshake: a client sends its ClientHello, a server waits for one. {@code now}
     * (milliseconds, the caller's clock) starts the handshake timeout that {@link #tick} checks.
     */
    public void start(long now) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("already started: " + state);
            }
            state = State.HANDSHAKING;
            startedAt = now;
            startedNanos = System.nanoTime();
        }
        thread.start();
    }

    /**
     * Hands one received datagram to the endpoint (copied; the buffer may be reused at once).
     * Returns false when it was dropped: RFC 7983 puts DTLS at first bytes 20-63, a record has a
     * 13-byte header, and the queue is bounded. Records that look like DTLS but are not valid are
     * discarded later by BouncyCastle, as RFC 6347 §4.1.2.7 asks, without harm to the handshake.
     */
    public boolean receive(byte[] buf, int off, int len, long now) {
        int first = len > 0 ? buf[off] & 0xff : -1;
        boolean plausible = len >= RECORD_HEADER_LENGTH && len <= QueueDatagramTransport.RECEIVE_LIMIT
                && first >= 20 && first <= 63;
        State s = state();
        if (!plausible || s == State.CLOSED || s == State.FAILED
                || !transport.offer(java.util.Arrays.copyOfRange(buf, off, off + len))) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /**
     * Advances time: a handshake not finished {@link DtlsSettings#handshakeTimeoutMillis} after
     * {@link #start} fails with {@link DtlsEvent.Failed}. (BouncyCastle has the same limit on its own
     * clock as a backstop.)
     */
    public void tick(long now) {
        synchronized (this) {
            if (state != State.HANDSHAKING || now - startedAt < settings.handshakeTimeoutMillis()) {
                return;
            }
            state = State.FAILED;
        }
        output.event(new DtlsEvent.Failed("handshake not complete after " + settings.handshakeTimeoutMillis() + " ms"));
        transport.requestStop();
    }

    /**
     * Ends the association: sends close_notify if connected and stops the thread. Reports nothing;
     * the caller knows.
     */
    public void close() {
        State previous;
        synchronized (this) {
            previous = state;
            if (previous == State.CLOSED || previous == State.FAILED) {
                return;
            }
            state = State.CLOSED;
        }
        if (previous == State.CONNECTED) {
            // The handshake thread is parked in the transport, outside BouncyCastle's record
            // layer; closing from here sends close_notify (RFC 5246 §7.2.1) before it wakes.
            closeQuietly(connected);
        }
        transport.requestStop();
    }

    /** Waits for the handshake thread to end; true if it did (for tests and orderly shutdown). */
    public boolean awaitThreadExit(Duration timeout) throws InterruptedException {
        return thread.getState() == Thread.State.NEW || thread.join(timeout);
    }

    private void run() {
        Callbacks callbacks = new Callbacks();
        DTLSTransport dtls = null;
        try {
            BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
            Identity identity = new Identity(certificate, crypto);
            int timeout = (int) settings.handshakeTimeoutMillis();
            dtls = role == DtlsRole.SERVER
                    ? new DTLSServerProtocol().accept(
                            new SrtpDtlsServer(crypto, identity, remoteFingerprint, timeout, callbacks), transport)
                    : new DTLSClientProtocol().connect(
                            new SrtpDtlsClient(crypto, identity, remoteFingerprint, timeout, callbacks), transport);
            connected = dtls;
            if (moveTo(State.HANDSHAKING, State.CONNECTED)) {
                long millis = (System.nanoTime() - startedNanos) / 1_000_000;
                output.event(new DtlsEvent.HandshakeComplete(keys, millis));
                serve(dtls);
            }
        } catch (IOException | RuntimeException e) {
            if (moveTo(State.HANDSHAKING, State.FAILED)) {
                output.event(new DtlsEvent.Failed(describe(e)));
            }
        } finally {
            closeQuietly(dtls);
            transport.close();
        }
    }

    /** After the handshake: answer retransmitted flights, notice alerts, until closed or stopped. */
    private void serve(DTLSTransport dtls) {
        byte[] buf = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
        while (state() == State.CONNECTED) {
            try {
                // Application data (a future SCTP data channel) is read and dropped for now.
                dtls.receive(buf, 0, buf.length, IDLE_WAIT_MILLIS);
            } catch (QueueDatagramTransport.StoppedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (moveTo(State.CONNECTED, State.CLOSED)) {
                    output.event(new DtlsEvent.Closed(describe(e)));
                }
                return;
            }
        }
    }

    private static void closeQuietly(DTLSTransport dtls) {
        if (dtls != null) {
            try {
                dtls.close(); // sends close_notify if the association is still open
            } catch (IOException | RuntimeException e) {
                // the association is being torn down; nothing left to tell
            }
        }
    }

    private synchronized boolean moveTo(State from, State to) {
        if (state != from) {
            return false;
        }
        state = to;
        return true;
    }

    private String describe(Exception e) {
        if (failureReason != null) {
            return failureReason;
        }
        if (e instanceof TlsFatalAlertReceived r) {
            return "peer sent fatal alert " + AlertDescription.getName(r.getAlertDescription());
        }
        if (e instanceof TlsFatalAlert a) {
            return "aborted with alert " + AlertDescription.getName(a.getAlertDescription())
                    + (a.getMessage() != null ? ": " + a.getMessage() : "");
        }
        if (e instanceof TlsTimeoutException) {
            return "handshake timed out";
        }
        return e.toString();
    }

    private final class Callbacks implements HandshakeCallbacks {
        @Override
        public void keysExported(SrtpKeys exported) {
            keys = exported;
        }

        @Override
        public void failing(String reason) {
            failureReason = reason;
        }

        @Override
        public void alertReceived(short level, short description) {
            boolean closing = description == AlertDescription.close_notify || level == AlertLevel.fatal;
            if (closing && moveTo(State.CONNECTED, State.CLOSED)) {
                output.event(new DtlsEvent.Closed("peer sent " + AlertDescription.getName(description)));
            }
        }
    }
}
