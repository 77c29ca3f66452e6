package dev.parley.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Opens client WebSockets; one implementation per client library, so the two can be compared. Thread-safe. */
interface Connector extends AutoCloseable {

    /** Opens a WebSocket; frames and the close are reported to {@code handler} on the library's threads. */
    CompletableFuture<Link> open(URI uri, Handler handler);

    /** Short name for the report. */
    String name();

    /** Closes every connection it opened and stops the library's threads. */
    @Override
    void close();

    /** Receives one connection's events; called by one thread at a time per connection. */
    interface Handler {
        void onText(String text);

        void onClosed(int code, String reason);
    }

    /** One open client WebSocket. Thread-safe: any thread may send; frames go out in call order. */
    interface Link {
        void send(String text);

        void close();
    }

    static Connector create(String name) throws Exception {
        return name.equals("jdk") ? new JdkConnector() : new JettyConnector();
    }
}
