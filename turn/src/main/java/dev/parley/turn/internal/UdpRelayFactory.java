package dev.parley.turn.internal;

import dev.parley.turn.DropReason;
import dev.parley.turn.Relay;
import dev.parley.turn.RelayFactory;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens relay sockets on UDP ports from the configured range, starting at a random port so that
 * relayed addresses are hard to guess (RFC 8656 §7.2: SHOULD be random), and registers each with a
 * {@link UdpLoop}: the loop that received the Allocate (so one UDP client's traffic stays on one
 * thread), or the next loop in turn for TCP and TLS clients. The loop hands every datagram to
 * {@link dev.parley.turn.TurnServerCore#onPeerDatagram}. Thread-safe.
 */
public final class UdpRelayFactory implements RelayFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UdpRelayFactory.class);

    private final InetAddress bindAddress;
    private final int portMin;
    private final int portMax;
    private final UdpLoops loops;
    private final TurnStats stats;

    public UdpRelayFactory(InetAddress bindAddress, int portMin, int portMax, UdpLoops loops, TurnStats stats) {
        this.bindAddress = bindAddress;
        this.portMin = portMin;
        this.portMax = portMax;
        this.loops = loops;
        this.stats = stats;
    }

    @Override
    public Relay open(boolean evenPort) throws IOException {
        int span = portMax - portMin + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        // Bounded: each port of the range is tried at most once.
        for (int i = 0; i < span; i++) {
            int port = portMin + (start + i) % span;
            if (evenPort && (port & 1) != 0) {
                continue;
            }
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.bind(new InetSocketAddress(bindAddress, port));
                channel.configureBlocking(false);
            } catch (BindException e) {
                channel.close();
                continue;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            UdpLoop loop = loops.loopForRelay();
            UdpRelay relay = new UdpRelay(channel, (InetSocketAddress) channel.getLocalAddress(), loop);
            try {
                loop.register(relay);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return relay;
        }
        throw new IOException("no free relay port in " + portMin + "-" + portMax);
    }

    /** One relay socket, non-blocking, read by its loop. Thread-safe. */
    final class UdpRelay implements Relay {
        final DatagramChannel channel;
        private final InetSocketAddress address;
        private final UdpLoop loop;

        UdpRelay(DatagramChannel channel, InetSocketAddress address, UdpLoop loop) {
            this.channel = channel;
            this.address = address;
            this.loop = loop;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        /** Non-blocking: a datagram the socket's send buffer has no room for is dropped and counted. */
        @Override
        public void send(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
            if (channel.send(ByteBuffer.wrap(buf, off, len), peer) == 0) {
                stats.drop(DropReason.SEND_FAILED);
            }
        }

        /**
         * Closes the socket and waits (at most 1 s) until its loop has let go of it: the JDK releases
         * the port only then, and a closed allocation must free its port at once.
         */
        @Override
        public void close() {
            if (!channel.isOpen()) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing relay {}: {}", address, e.getMessage());
            }
            loop.awaitDeregistered();
        }
    }
}
