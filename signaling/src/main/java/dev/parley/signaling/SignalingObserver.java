package dev.parley.signaling;

/** Counts what sessions do, for metrics. Implementations must be thread-safe and cheap. */
public interface SignalingObserver {

    SignalingObserver NONE = new SignalingObserver() {
    };

    default void messageIn(String type) {
    }

    default void messageOut(String type) {
    }

    default void protocolError(ErrorCode code) {
    }

    /** The server closes a socket with this WebSocket close code. */
    default void serverClose(int code) {
    }
}
