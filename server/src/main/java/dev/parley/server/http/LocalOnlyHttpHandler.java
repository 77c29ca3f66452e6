package dev.parley.server.http;

import dev.parley.server.NetworkAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plain HTTP serves this machine only: browsers open the camera on {@code http://localhost} but nowhere else, so a
 * request over plain HTTP from another host is redirected (308) to the same path over HTTPS. Thread-safe.
 */
public final class LocalOnlyHttpHandler extends Handler.Wrapper {

    private final int httpsPort;

    public LocalOnlyHttpHandler(Handler handler, int httpsPort) {
        super(handler);
        this.httpsPort = httpsPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().isSecure() || isLoopback(request.getConnectionMetaData().getRemoteSocketAddress())) {
            return super.handle(request, response, callback);
        }
        String location = httpsLocation(Request.getServerName(request), httpsPort, request.getHttpURI().getPath(),
                request.getHttpURI().getQuery());
        response.setStatus(HttpStatus.PERMANENT_REDIRECT_308);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        callback.succeeded();
        return true;
    }

    /** The HTTPS URL of the same resource. */
    static String httpsLocation(String host, int httpsPort, String path, String query) {
        return "https://" + NetworkAddresses.urlHost(host) + (httpsPort == 443 ? "" : ":" + httpsPort)
                + path + (query == null ? "" : "?" + query);
    }

    static boolean isLoopback(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            return ip != null && ip.isLoopbackAddress();
        }
        return false;
    }
}
