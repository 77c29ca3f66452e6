package dev.parley.signaling;

import java.util.List;

/** The ICE servers handed to a participant in {@code joined} (per participant, so TURN credentials can be too). */
@FunctionalInterface
public interface IceServerProvider {

    List<IceServer> forParticipant(String participantId);

    /**
     * The list for a connection that has not joined (the connection test): the same servers, with credentials that
     * are short-lived and, on the embedded TURN server, good for one allocation. By default the participant list
     * for a fresh probe id.
     */
    default List<IceServer> forProbe(String probeId) {
        return forParticipant(probeId);
    }

    static IceServerProvider fixed(List<IceServer> servers) {
        List<IceServer> copy = List.copyOf(servers);
        return id -> copy;
    }
}
