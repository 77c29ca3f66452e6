package dev.parley.server.http;

import dev.parley.rooms.RoomName;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The pages and files of the web client: {@code /} the landing page, {@code /r/<room>} the room page (for a valid
 * room name), {@code /test} the connection test, any other existing file of the web client at its path, and a friendly 404 page for everything else.
 * Thread-safe.
 */
public final class PageHandler extends Handler.Abstract.NonBlocking {

    private static final String ROOM_PREFIX = "/r/";

    private final StaticAssets assets;

    public PageHandler(StaticAssets assets) {
        this.assets = assets;
        assets.require("index.html");
        assets.require("room.html");
        assets.require("404.html");
        assets.require("test.html");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Responses.sendText(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "text/plain; charset=utf-8", "Method not allowed\n");
            return true;
        }
        String path = Request.getPathInContext(request);
        Optional<StaticAssets.Asset> asset;
        boolean page = true;
        if (path.equals("/")) {
            asset = assets.find("index.html");
        } else if (path.equals("/test")) {
            asset = assets.find("test.html");
        } else if (path.startsWith(ROOM_PREFIX)) {
            asset = RoomName.isValid(path.substring(ROOM_PREFIX.length())) ? assets.find("room.html") : Optional.empty();
        } else {
            asset = path.endsWith(".html") ? Optional.empty() : assets.find(path.substring(1));
            page = false;
        }
        if (asset.isEmpty()) {
            StaticAssets.Asset notFound = assets.require("404.html");
            Responses.send(request, response, callback, HttpStatus.NOT_FOUND_404, notFound.contentType(),
                    notFound.bytes(), "no-store");
            return true;
        }
        StaticAssets.Asset found = asset.get();
        response.getHeaders().put(HttpHeader.ETAG, found.etag());
        if (found.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        // Pages are small and must reflect a new version at once; files are revalidated by ETag.
        Responses.send(request, response, callback, HttpStatus.OK_200, found.contentType(), found.bytes(),
                page ? "no-store" : "no-cache");
        return true;
    }
}
