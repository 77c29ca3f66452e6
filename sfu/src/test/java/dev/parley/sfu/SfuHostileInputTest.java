package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.SessionDescription;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Garbage on the media port is counted and dropped; the SFU keeps answering real checks. Loopback only. */
class SfuHostileInputTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final LinkedBlockingQueue<SfuOffer> offers = new LinkedBlockingQueue<>();
    private Sfu sfu;
    private DatagramSocket socket;
    private InetSocketAddress target;

    @BeforeEach
    void start() throws Exception {
        sfu = Sfu.start(new SfuSettings(LOOPBACK, 0, List.of(LOOPBACK), 50, 30_000),
                (room, id, offer) -> offers.add(offer));
        socket = new DatagramSocket(0, LOOPBACK);
        socket.setSoTimeout(5000);
        target = new InetSocketAddress(LOOPBACK, sfu.port());
    }

    @AfterEach
    void stop() {
        socket.close();
        sfu.close();
    }

    private void send(byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static void await(LongSupplier counter, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter with a deadline, not synchronising on time
        }
        assertThat(counter.getAsLong()).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void everyKindOfGarbageIsCountedUnderItsReason() throws Exception {
        send(new byte[] {100, 1, 2, 3});                  // first byte of no protocol here
        send(new byte[] {0, 1});                          // truncated STUN
        send(new byte[] {22, (byte) 0xfe, (byte) 0xfd}); // DTLS from an address no check validated
        send(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}); // RTP from nowhere
        await(() -> sfu.metrics().drops(DropReason.NOT_RTP), 1);
        await(() -> sfu.metrics().drops(DropReason.BAD_STUN), 1);
        await(() -> sfu.metrics().drops(DropReason.UNKNOWN_SOURCE), 2);
    }

    @Test
    void aThousandRandomDatagramsChangeNothingButCounters() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[1 + random.nextInt(1400)];
            random.nextBytes(junk);
            send(junk);
        }
        long total = 0;
        await(() -> sumOfDrops(), 1000);
        total = sumOfDrops();
        assertThat(total).isEqualTo(1000);
        assertThat(sfu.metrics().transports()).isZero();
        assertThat(sfu.metrics().rtpPacketsSent()).isZero();
    }

    @Test
    void aRealCheckIsStillAnsweredAfterGarbage() throws Exception {
        assertThat(sfu.connect("r", "a", Set.of(), reason -> { })).isTrue();
        SfuOffer offer = offers.poll(10, TimeUnit.SECONDS);
        assertThat(offer).isNotNull();
        SessionDescription sdp = SessionDescription.parse(offer.sdp());
        var transport = sdp.transportOf(sdp.media().get(0));
        for (int i = 0; i < 50; i++) {
            send(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42}); // a STUN header cut short
        }
        byte[] check = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random())
                .add(new Username(transport.iceUfrag() + ":abcd")).add(new IceControlling(7)).add(new UseCandidate())
                .add(new Priority(0x6e7f1effL)).messageIntegrity(MessageIntegrity.shortTermKey(transport.icePwd()))
                .fingerprint().build();
        send(check);
        DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
        socket.receive(response);
        StunMessage answer = StunMessage.parse(response.getData(), 0, response.getLength());
        assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    private long sumOfDrops() {
        long sum = 0;
        for (DropReason r : DropReason.values()) {
            sum += sfu.metrics().drops(r);
        }
        return sum;
    }
}
