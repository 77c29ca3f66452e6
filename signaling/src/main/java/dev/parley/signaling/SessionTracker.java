package dev.parley.signaling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions of this server, for liveness sweeps and shutdown. Thread-safe. */
public final class SessionTracker {

    private final Set<SignalingSession> sessions = ConcurrentHashMap.newKeySet();

    public void add(SignalingSession session) {
        sessions.add(session);
    }

    public void remove(SignalingSession session) {
        sessions.remove(session);
    }

    public int size() {
        return sessions.size();
    }

    /** Closes every session silent for longer than the liveness timeout; returns how many. */
    public int closeSilent(long nowNanos) {
        int closed = 0;
        for (SignalingSession session : sessions) {
            if (session.closeIfSilent(nowNanos)) {
                closed++;
            }
        }
        return closed;
    }

    /** Tells every session the server is stopping. */
    public void shutdownAll(String message) {
        for (SignalingSession session : sessions) {
            session.shutdown(message);
        }
    }
}
