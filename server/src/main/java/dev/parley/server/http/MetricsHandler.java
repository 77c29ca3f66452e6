package dev.parley.server.http;

import dev.parley.server.ParleyMetrics;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /metrics}: the Prometheus text exposition. Thread-safe. */
public final class MetricsHandler extends Handler.Abstract.NonBlocking {

    private final ParleyMetrics metrics;

    public MetricsHandler(ParleyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Responses.sendText(request, response, callback, HttpStatus.OK_200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        return true;
    }
}
