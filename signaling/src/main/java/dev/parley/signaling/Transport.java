package dev.parley.signaling;

/**
 * The socket under a {@link SignalingSession}, implemented by the server's WebSocket adapter.
 *
 * <p>Thread-safety: both methods may be called from any thread, must not block, and must keep the order of
 * {@link #send} calls. After {@link #close} further sends are dropped.
 */
public interface Transport {

    /** Queues one text frame. */
    void send(String text);

    /** Closes the socket with a WebSocket close code (RFC 6455 §7.4) and reason. */
    void close(int code, String reason);
}
