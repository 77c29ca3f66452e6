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
        synchronized (this) {
            if (sessions.isEmpty()) {
                notifyAll();
            }
        }
    }

    /** Waits until every session is gone or the timeout passes; returns whether none is left. */
    public synchronized boolean awaitEmpty(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sessions.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
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

    /**
     * Closes the socket of one participant's live session with the given close code (docs/protocol.md); the
     * participant enters the resume grace as if the socket had died. An operator's "drop this connection", and how
     * browser tests lose a socket on the server side. Returns how many sockets were closed (0 or 1).
     */
    public int closeParticipant(String participantId, int code, String reason) {
        int closed = 0;
        for (SignalingSession session : sessions) {
            if (session.closeIfParticipant(participantId, code, reason)) {
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
