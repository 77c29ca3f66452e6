package dev.parley.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small helpers for writing whole responses. */
final class Responses {

    private Responses() {
    }

    static void send(Request request, Response response, Callback callback, int status, String contentType,
                     byte[] body, String cacheControl) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    static void sendText(Request request, Response response, Callback callback, int status, String contentType,
                         String body) {
        send(request, response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8), "no-store");
    }
}
