package dev.parley.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.rooms.RoomRegistry;
import dev.parley.signaling.SessionTracker;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /healthz}: 200 with status, version, rooms, participants, connections and uptime. Thread-safe. */
public final class HealthHandler extends Handler.Abstract.NonBlocking {

    private final ObjectMapper mapper = new ObjectMapper();
    private final RoomRegistry rooms;
    private final SessionTracker sessions;
    private final Clock clock;
    private final Instant started;
    private final String version;

    public HealthHandler(RoomRegistry rooms, SessionTracker sessions, Clock clock, String version) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.clock = clock;
        this.started = clock.instant();
        this.version = version;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ObjectNode body = mapper.createObjectNode()
                .put("status", "ok")
                .put("version", version)
                .put("rooms", rooms.roomCount())
                .put("participants", rooms.participantCount())
                .put("connections", sessions.size())
                .put("uptimeSeconds", clock.instant().getEpochSecond() - started.getEpochSecond());
        Responses.sendText(request, response, callback, HttpStatus.OK_200, "application/json", body.toString());
        return true;
    }
}
