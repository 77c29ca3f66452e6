package dev.parley.bench;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.turn.TurnCredentials;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocation-rate load: {@code workers} clients in parallel, each making allocations one after the other as a
 * browser does, on a new UDP socket every time: Allocate without credentials (401 with realm and nonce), Allocate
 * with REST-API credentials (success), Refresh with LIFETIME 0 (deleted). Bounded by a count and a deadline. Works
 * against any TURN server with the REST-API shared secret; the same load is used for coturn and Parley.
 */
final class AllocationLoad {

    /** Per attempt; a request is sent at most 3 times. */
    private static final int TIMEOUT_MS = 500;

    /** @param seconds wall time from the first request to the last answer */
    record Result(long allocations, long failures, double seconds) {
        double perSecond() {
            return seconds > 0 ? allocations / seconds : 0;
        }
    }

    private AllocationLoad() {
    }

    static Result run(InetSocketAddress server, String secret, int total, int workers, Duration limit)
            throws InterruptedException {
        TurnCredentials credentials = TurnCredentials.issue(secret, "bench", Duration.ofHours(1), Instant.now());
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + limit.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("bench-allocate-" + w).start(() -> {
                while (next.getAndIncrement() < total && System.nanoTime() < deadline) {
                    if (allocateAndDelete(server, credentials)) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private static boolean allocateAndDelete(InetSocketAddress server, TurnCredentials credentials) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(TIMEOUT_MS);
            StunAttribute transport = new RequestedTransport(RequestedTransport.UDP);
            StunMessage challenge = exchange(socket, server, request(StunMethod.ALLOCATE, transport));
            if (challenge == null || code(challenge) != ErrorCode.UNAUTHENTICATED) {
                return false;
            }
            String realm = Realm.from(challenge).orElseThrow().value();
            String nonce = Nonce.from(challenge).orElseThrow().value();
            byte[] key = MessageIntegrity.longTermKey(credentials.username(), realm, credentials.password());
            StunMessage allocated = exchange(socket, server, signed(request(StunMethod.ALLOCATE, transport),
                    credentials.username(), realm, nonce, key));
            if (allocated == null || allocated.messageClass() != StunClass.SUCCESS_RESPONSE) {
                return false;
            }
            StunMessage deleted = exchange(socket, server, signed(request(StunMethod.REFRESH, new Lifetime(0)),
                    credentials.username(), realm, nonce, key));
            return deleted != null && deleted.messageClass() == StunClass.SUCCESS_RESPONSE;
        } catch (IOException | StunParseException | RuntimeException e) {
            return false;
        }
    }

    private static StunMessageBuilder request(int method, StunAttribute attribute) {
        return StunMessage.builder(StunClass.REQUEST, method, TransactionId.random()).add(attribute);
    }

    private static byte[] signed(StunMessageBuilder b, String username, String realm, String nonce, byte[] key) {
        return b.add(new Username(username)).add(new Realm(realm)).add(new Nonce(nonce)).messageIntegrity(key).build();
    }

    private static StunMessage exchange(DatagramSocket socket, InetSocketAddress server, StunMessageBuilder b)
            throws IOException, StunParseException {
        return exchange(socket, server, b.build());
    }

    /** Sends {@code request} (up to 3 times) and returns the response with its transaction id, or null. */
    private static StunMessage exchange(DatagramSocket socket, InetSocketAddress server, byte[] request)
            throws IOException, StunParseException {
        TransactionId id = StunMessage.parse(request, 0, request.length).transactionId();
        byte[] buf = new byte[2048];
        for (int attempt = 0; attempt < 3; attempt++) {
            socket.send(new DatagramPacket(request, request.length, server));
            long until = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < until) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (p.getLength() >= 20 && (buf[0] & 0xC0) == 0) {
                    StunMessage m = StunMessage.parse(buf, 0, p.getLength());
                    if (m.transactionId().equals(id)) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    private static int code(StunMessage m) throws StunParseException {
        return m.messageClass() == StunClass.ERROR_RESPONSE ? ErrorCode.from(m).map(ErrorCode::code).orElse(0) : 0;
    }
}
