package dev.parley.server.http;

import dev.parley.server.ParleyMetrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics}: the Prometheus text exposition, to whoever {@link MetricsAccess} admits: others get 403 (not
 * from loopback) or 401 with a {@code WWW-Authenticate: Bearer} challenge (no or a wrong token). Thread-safe.
 */
public final class MetricsHandler extends Handler.Abstract.NonBlocking {

    private final ParleyMetrics metrics;
    private final MetricsAccess access;

    public MetricsHandler(ParleyMetrics metrics, MetricsAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (access.loopbackOnly()
                && !LocalOnlyHttpHandler.isLoopback(request.getConnectionMetaData().getRemoteSocketAddress())) {
            Responses.sendText(request, response, callback, HttpStatus.FORBIDDEN_403, "text/plain; charset=utf-8",
                    "Metrics are served to this machine only\n");
            return true;
        }
        if (!access.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"parley-metrics\"");
            Responses.sendText(request, response, callback, HttpStatus.UNAUTHORIZED_401, "text/plain; charset=utf-8",
                    "A bearer token is required\n");
            return true;
        }
        Responses.sendText(request, response, callback, HttpStatus.OK_200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        return true;
    }
}
