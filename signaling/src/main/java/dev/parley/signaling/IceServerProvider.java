package dev.parley.signaling;

import java.util.List;

/** The ICE servers handed to a participant in {@code joined} (per participant, so TURN credentials can be too). */
@FunctionalInterface
public interface IceServerProvider {

    List<IceServer> forParticipant(String participantId);

    static IceServerProvider fixed(List<IceServer> servers) {
        List<IceServer> copy = List.copyOf(servers);
        return id -> copy;
    }
}
