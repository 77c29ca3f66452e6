package dev.parley.turn;

/** Where the core sends packets for clients. Called with no lock held; implementations are thread-safe. */
@FunctionalInterface
public interface TurnOutput {

    /** Sends {@code packet} to the client of {@code to}; the array is the callee's to keep. */
    void toClient(FiveTuple to, byte[] packet);
}
