package dev.parley.turn;

import dev.parley.stun.ChannelData;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunParseException;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.stun.XorPeerAddress;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A minimal TURN client over real UDP or TCP sockets, built on the stun codec, for integration
 * tests. Every wait is bounded by a deadline. Not thread-safe.
 */
final class TestTurnClient implements Closeable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final DatagramSocket udp;
    private final Socket tcp;
    private final DataInputStream tcpIn;
    private final InetSocketAddress server;
    private final Deque<byte[]> unsolicited = new ArrayDeque<>();
    private String username;
    private byte[] key;
    private String nonce;

    private TestTurnClient(InetSocketAddress server, boolean overTcp) throws IOException {
        this.server = server;
        if (overTcp) {
            tcp = new Socket();
            tcp.connect(server, 2_000);
            tcp.setSoTimeout(200);
            tcpIn = new DataInputStream(tcp.getInputStream());
            udp = null;
        } else {
            udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            udp.setSoTimeout(200);
            tcp = null;
            tcpIn = null;
        }
    }

    static TestTurnClient udp(InetSocketAddress server) throws IOException {
        return new TestTurnClient(server, false);
    }

    static TestTurnClient tcp(InetSocketAddress server) throws IOException {
        return new TestTurnClient(server, true);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) (udp != null ? udp.getLocalSocketAddress() : tcp.getLocalSocketAddress());
    }

    void credentials(TurnCredentials credentials, String realm) {
        username = credentials.username();
        key = MessageIntegrity.longTermKey(username, realm, credentials.password());
    }

    void sendRaw(byte[] packet) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(packet, packet.length, server));
        } else {
            tcp.getOutputStream().write(packet);
            tcp.getOutputStream().flush();
        }
    }

    /** The next packet from the server, or null at the deadline; -1-length array when a TCP peer closed. */
    byte[] receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (udp != null) {
                    DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
                    udp.receive(p);
                    return Arrays.copyOf(p.getData(), p.getLength());
                }
                return readFrame();
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            }
        }
        return null;
    }

    private byte[] readFrame() throws IOException {
        byte[] header = new byte[4];
        int first = tcpIn.read();
        if (first < 0) {
            return new byte[0];
        }
        header[0] = (byte) first;
        tcpIn.readFully(header, 1, 3);
        int length = (header[0] & 0xC0) == 0 ? StunMessage.frameLength(header, 0, 4) : ChannelData.frameLength(header, 0, 4);
        byte[] frame = Arrays.copyOf(header, length);
        tcpIn.readFully(frame, 4, length - 4);
        return frame;
    }

    /** Sends a request (signing it once credentials and a nonce are known) and waits for its response. */
    StunMessage request(int method, StunAttribute... attributes) throws IOException, StunParseException {
        for (int attempt = 0; attempt < 3; attempt++) {
            TransactionId tid = TransactionId.random();
            StunMessageBuilder b = StunMessage.builder(StunClass.REQUEST, method, tid);
            for (StunAttribute a : attributes) {
                b.add(a);
            }
            if (nonce != null) {
                b.add(new Username(username)).add(new Realm(CoreHarness.REALM)).add(new Nonce(nonce)).messageIntegrity(key);
            }
            sendRaw(b.build());
            StunMessage response = awaitResponse(tid);
            int code = response.messageClass() == StunClass.ERROR_RESPONSE ? ErrorCode.from(response).orElseThrow().code() : 0;
            if ((code == 401 && nonce == null && key != null) || code == 438) {
                nonce = Nonce.from(response).orElseThrow().value();
                continue;
            }
            return response;
        }
        throw new AssertionError("no answer after retries");
    }

    private StunMessage awaitResponse(TransactionId tid) throws IOException, StunParseException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] packet = receive(Duration.ofMillis(200));
            if (packet == null) {
                continue;
            }
            if (packet.length > 0 && (packet[0] & 0xC0) == 0) {
                StunMessage m = StunMessage.parse(packet, 0, packet.length);
                if (m.transactionId().equals(tid)) {
                    return m;
                }
            }
            unsolicited.add(packet);
        }
        throw new AssertionError("no response to " + tid);
    }

    /** The next Data indication or ChannelData from the server (bounded wait). */
    byte[] awaitData() throws IOException {
        if (!unsolicited.isEmpty()) {
            return unsolicited.poll();
        }
        return receive(TIMEOUT);
    }

    StunMessage allocate() throws IOException, StunParseException {
        return request(StunMethod.ALLOCATE, new RequestedTransport(RequestedTransport.UDP));
    }

    StunMessage permit(InetSocketAddress peer) throws IOException, StunParseException {
        return request(StunMethod.CREATE_PERMISSION, new XorPeerAddress(peer));
    }

    StunMessage bind(int channel, InetSocketAddress peer) throws IOException, StunParseException {
        return request(StunMethod.CHANNEL_BIND, new ChannelNumber(channel), new XorPeerAddress(peer));
    }

    /** True if the server closed the TCP connection within the timeout. */
    boolean awaitClosedByServer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (tcpIn.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }
}
