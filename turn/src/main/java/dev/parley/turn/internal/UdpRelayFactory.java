package dev.parley.turn.internal;

import dev.parley.turn.DropReason;
import dev.parley.turn.Relay;
import dev.parley.turn.RelayFactory;
import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens relay sockets on UDP ports from the configured range, starting at a random port so that
 * relayed addresses are hard to guess (RFC 8656 §7.2: SHOULD be random), and runs one platform thread
 * per relay that hands every datagram to {@link TurnServerCore#onPeerDatagram}. Thread-safe.
 */
public final class UdpRelayFactory implements RelayFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UdpRelayFactory.class);
    /** Largest UDP payload; a bigger datagram is truncated by the kernel and then relayed as is. */
    private static final int MAX_DATAGRAM = 65_535;

    private final InetAddress bindAddress;
    private final int portMin;
    private final int portMax;
    private final Clock clock;
    private final TurnStats stats;
    private volatile TurnServerCore core;

    public UdpRelayFactory(InetAddress bindAddress, int portMin, int portMax, Clock clock, TurnStats stats) {
        this.bindAddress = bindAddress;
        this.portMin = portMin;
        this.portMax = portMax;
        this.clock = clock;
        this.stats = stats;
    }

    /** Connects the factory to the core its relays deliver to; called once before any {@link #open}. */
    public void deliverTo(TurnServerCore core) {
        this.core = core;
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
            } catch (BindException e) {
                channel.close();
                continue;
            }
            UdpRelay relay = new UdpRelay(channel, (InetSocketAddress) channel.getLocalAddress());
            relay.reader = Thread.ofPlatform().daemon().name("turn-relay-" + port).start(relay::receiveLoop);
            return relay;
        }
        throw new IOException("no free relay port in " + portMin + "-" + portMax);
    }

    private final class UdpRelay implements Relay {
        private final DatagramChannel channel;
        private final InetSocketAddress address;
        private volatile Thread reader;

        UdpRelay(DatagramChannel channel, InetSocketAddress address) {
            this.channel = channel;
            this.address = address;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void send(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
            channel.send(ByteBuffer.wrap(buf, off, len), peer);
        }

        /**
         * Closes the socket and waits (at most 1 s) for the reader to leave {@code receive}: the JDK
         * releases the port only then, and a closed allocation must free its port at once.
         */
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing relay {}: {}", address, e.getMessage());
            }
            Thread r = reader;
            if (r != null && r != Thread.currentThread()) {
                try {
                    r.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void receiveLoop() {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
            while (channel.isOpen()) {
                try {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    if (from instanceof InetSocketAddress peer) {
                        core.onPeerDatagram(address, peer, buffer.array(), 0, buffer.position(), clock.millis());
                    }
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    stats.drop(DropReason.SEND_FAILED);
                    LOG.debug("relay {} receive: {}", address, e.toString());
                }
            }
        }
    }
}
