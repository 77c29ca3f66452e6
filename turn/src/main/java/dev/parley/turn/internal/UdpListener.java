package dev.parley.turn.internal;

import dev.parley.turn.DropReason;
import dev.parley.turn.FiveTuple;
import dev.parley.turn.Transport;
import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP listening socket: one platform thread blocks in {@code receive} and hands each datagram to
 * the core; {@link #send} may be called from any thread (the channel serialises sends). Thread-safe.
 */
public final class UdpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Clock clock;
    private final TurnStats stats;
    private Thread thread;

    public UdpListener(InetSocketAddress bind, Clock clock, TurnStats stats) throws IOException {
        this.channel = DatagramChannel.open();
        try {
            channel.bind(bind);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.clock = clock;
        this.stats = stats;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public void start(TurnServerCore core) {
        thread = Thread.ofPlatform().daemon().name("turn-udp-" + local.getPort()).start(() -> receiveLoop(core));
    }

    private void receiveLoop(TurnServerCore core) {
        ByteBuffer buffer = ByteBuffer.allocate(65_535);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from instanceof InetSocketAddress client) {
                    core.onClientPacket(new FiveTuple(Transport.UDP, client, local), buffer.array(), 0,
                            buffer.position(), clock.millis());
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                stats.drop(DropReason.MALFORMED);
                LOG.debug("udp receive: {}", e.toString());
            }
        }
    }

    public void send(InetSocketAddress to, byte[] packet) {
        try {
            channel.send(ByteBuffer.wrap(packet), to);
        } catch (IOException e) {
            stats.drop(DropReason.SEND_FAILED);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing udp listener: {}", e.getMessage());
        }
        if (thread != null) {
            thread.join(2_000);
        }
    }
}
