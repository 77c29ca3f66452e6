package dev.parley.server.ws;

import dev.parley.signaling.SessionTracker;
import dev.parley.signaling.SignalingConfig;
import dev.parley.signaling.SignalingSession;
import java.time.Duration;
import dev.parley.signaling.Transport;
import java.util.concurrent.Executor;
import dev.parley.signaling.Admission;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    /** Makes the session of one admitted socket. */
    @FunctionalInterface
    public interface SessionFactory {
        SignalingSession create(Transport transport, String pageHost, InetAddress client);
    }

    public static WebSocketUpgradeHandler create(Server server, ContextHandler context, OriginPolicy origins,
                                                 SignalingConfig config, SessionTracker tracker,
                                                 Admission admission, SessionFactory sessions,
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
                InetAddress client = request.getConnectionMetaData().getRemoteSocketAddress()
                        instanceof InetSocketAddress inet ? inet.getAddress() : null;
                Admission.Refusal refusal = admission.open(client, System.nanoTime());
                if (refusal != null) {
                    boolean full = refusal == Admission.Refusal.SERVER_FULL;
                    Response.writeError(request, response, callback,
                            full ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.TOO_MANY_REQUESTS_429,
                            full ? "The server has all the connections it takes; try again later"
                                    : "Too many connections from your address");
                    return null;
                }
                String pageHost = IceServers.hostOf(host);
                return new SignalingSocket(transport -> sessions.create(transport, pageHost, client), tracker, drainer,
                        () -> admission.closed(client, System.nanoTime()));
            });
        });
    }
}
