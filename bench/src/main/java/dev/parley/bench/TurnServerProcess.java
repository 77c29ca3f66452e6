package dev.parley.bench;

import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TURN server (or the echo peer) started as a child process on 127.0.0.1, its output in a log file. coturn runs
 * with the command line TESTING.md gives; Parley runs its server jar with default JVM options, as {@code ./parley}
 * does, TURN on, loopback peers allowed. Both use the same REST-API shared secret and realm. Not thread-safe.
 */
final class TurnServerProcess implements AutoCloseable {

    static final String REALM = "parley";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private TurnServerProcess(String name, List<String> command, int port, Path log) throws IOException {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static TurnServerProcess coturn(int port, int relayMin, int relayMax, String secret, Path dir) throws IOException {
        return new TurnServerProcess("coturn", List.of("turnserver", "-n", "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1", "--listening-port=" + port, "--use-auth-secret",
                "--static-auth-secret=" + secret, "--realm=" + REALM, "--allow-loopback-peers", "--no-tls", "--no-dtls",
                "--no-cli", "--min-port=" + relayMin, "--max-port=" + relayMax, "--db=" + dir.resolve("coturn.db"),
                "--no-stdout-log", "--log-file=" + dir.resolve("coturn.log"), "--simple-log"),
                port, dir.resolve("coturn.out"));
    }

    static TurnServerProcess parley(Path jar, int port, int relayMin, int relayMax, String secret, Path dir)
            throws IOException {
        // A copy: a rebuild that replaces the jar under a running JVM breaks its class loading.
        Path copy = Files.copy(jar, dir.resolve("parley.jar"));
        Path data = Files.createDirectories(dir.resolve("parley-data"));
        Path secretFile = data.resolve("turn-secret");
        Files.createFile(secretFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, secret + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", copy.toString(), "--bind", "127.0.0.1",
                "--http-port", "0", "--https-port", "0", "--data-dir", data.toString(),
                "--turn-port", Integer.toString(port),
                "--turn-relay-ports", relayMin + "-" + relayMax, "--turn-realm", REALM,
                "--turn-allow-private-peers", "true", "--turn-legacy-channel-numbers", "true",
                "--turn-max-allocations", "10000", "--turn-max-allocations-per-user", "10000"));
        return new TurnServerProcess("Parley", command, port, dir.resolve("parley.out"));
    }

    /** coturn's UDP echo peer on {@code port}: relayed messages come back to their client. */
    static TurnServerProcess echoPeer(int port, Path dir) throws IOException {
        return new TurnServerProcess("echo peer", List.of("turnutils_peer", "-L", "127.0.0.1", "-p",
                Integer.toString(port)), port, dir.resolve("peer.out"));
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Waits until a STUN Binding request to the port is answered; throws with the log's tail if it never is. */
    void awaitStun(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            byte[] request = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random()).build();
            byte[] buf = new byte[1024];
            while (System.currentTimeMillis() < deadline) {
                ensureAlive();
                socket.send(new DatagramPacket(request, request.length, address()));
                try {
                    socket.receive(new DatagramPacket(buf, buf.length));
                    return;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
        }
        throw new IOException(name + " did not answer STUN on port " + port + " in " + timeoutMillis + " ms:\n"
                + logTail());
    }

    /** Waits a moment for a process that answers nothing (the echo peer) and checks it is still running. */
    void awaitStarted() throws IOException, InterruptedException {
        Thread.sleep(300);
        ensureAlive();
    }

    void ensureAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + ":\n" + logTail());
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
