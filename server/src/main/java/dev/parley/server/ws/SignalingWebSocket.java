package dev.parley.server.ws;

import dev.parley.signaling.SessionTracker;
import dev.parley.signaling.SignalingConfig;
import dev.parley.signaling.SignalingSession;
import java.time.Duration;
import dev.parley.signaling.Transport;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import dev.parley.server.turn.IceServers;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Builds the {@code /ws} upgrade handler: frame limits, origin check, one {@link SignalingSocket} per connection. */
public final class SignalingWebSocket {

    /** docs/protocol.md: frames over 64 KiB close the socket with 1009. */
    public static final int MAX_FRAME = 64 * 1024;
    /** Frames Jetty may hold per socket beyond our outbox; more means the client is not reading. */
    static final int MAX_OUTGOING_FRAMES = 1024;

    private SignalingWebSocket() {
    }

    public static WebSocketUpgradeHandler create(Server server, ContextHandler context, OriginPolicy origins,
                                                 SignalingConfig config, SessionTracker tracker,
                                                 BiFunction<Transport, String, SignalingSession> sessions,
                                                 Executor drainer) {
        return WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(MAX_FRAME);
            container.setMaxBinaryMessageSize(MAX_FRAME);
            container.setMaxFrameSize(MAX_FRAME);
            container.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
            // Backstop only: the liveness sweep closes silent sockets first, with a clearer close code.
            container.setIdleTimeout(config.livenessTimeout().plus(Duration.ofSeconds(15)));
            container.addMapping("/ws", (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                String host = request.getHeaders().get(HttpHeader.HOST);
                if (!origins.allows(origin, request.isSecure(), host)) {
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                            "Origin not allowed");
                    return null;
                }
                String pageHost = IceServers.hostOf(host);
                return new SignalingSocket(transport -> sessions.apply(transport, pageHost), tracker, drainer);
            });
        });
    }
}
