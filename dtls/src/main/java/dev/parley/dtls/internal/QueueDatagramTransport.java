package dev.parley.dtls.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The {@link DatagramTransport} BouncyCastle's blocking DTLS protocols read and write: reads take
 * datagrams from a bounded queue that the endpoint fills, writes go straight to the endpoint's
 * output. {@link #offer} may be called from any thread; {@link #receive} and {@link #send} run on
 * the endpoint's handshake thread.
 */
public final class QueueDatagramTransport implements DatagramTransport {

    /**
     * The largest datagram accepted: an Ethernet MTU. Browsers keep DTLS datagrams near 1200 bytes;
     * anything above this is not a DTLS flight we want.
     */
    public static final int RECEIVE_LIMIT = 1500;
    private static final byte[] WAKE = new byte[0];

    private final ArrayBlockingQueue<byte[]> inbound;
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private volatile boolean stopping;
    private volatile boolean closed;

    public QueueDatagramTransport(int capacity, int sendLimit, Consumer<byte[]> sender) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.sendLimit = sendLimit;
        this.sender = sender;
    }

    /** Queues a copy-owned datagram; false if the queue is full or the transport is stopping. */
    public boolean offer(byte[] datagram) {
        return !stopping && inbound.offer(datagram);
    }

    /**
     * Makes the next (or the current) {@link #receive} throw, so that the handshake thread unwinds
     * and may still send a close_notify on its way out.
     */
    public void requestStop() {
        stopping = true;
        inbound.clear();
        inbound.offer(WAKE);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (stopping) {
            throw new StoppedException();
        }
        byte[] datagram;
        try {
            datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a datagram");
        }
        if (stopping) {
            throw new StoppedException();
        }
        if (datagram == null) {
            return -1;
        }
        int n = Math.min(datagram.length, len);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (!closed) {
            sender.accept(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    @Override
    public void close() {
        closed = true;
        requestStop();
    }

    /** Thrown by {@link #receive} once the endpoint asked the handshake thread to stop. */
    public static final class StoppedException extends IOException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("endpoint stopped");
        }
    }
}
