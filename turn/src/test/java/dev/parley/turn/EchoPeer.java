package dev.parley.turn;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** A UDP peer on loopback that sends every datagram back where it came from, until closed. */
final class EchoPeer implements Closeable {

    private final DatagramSocket socket;
    private final Thread thread;

    EchoPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        thread = Thread.ofVirtual().name("echo-peer").start(this::loop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void loop() {
        byte[] buf = new byte[65_535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
