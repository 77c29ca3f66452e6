package dev.parley.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Adds the security headers to every response (galene's webserver does the same). Thread-safe. */
public final class SecurityHeadersHandler extends Handler.Wrapper {

    /** No inline script or style: the web client is plain ES modules and CSS files. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    public static final String PERMISSIONS = "camera=(self), microphone=(self), display-capture=(self), "
            + "geolocation=(), payment=(), usb=()";

    /** 180 days, what Mozilla's web security guidelines give as the minimum. */
    public static final String HSTS = "max-age=15552000";

    public SecurityHeadersHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Permissions-Policy", PERMISSIONS);
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        if (request.isSecure()) {
            // RFC 6797: HTTPS only from now on. Browsers ignore it on a connection with certificate errors (§8.1),
            // so a self-signed certificate accepted once is not pinned. No includeSubDomains: the host may share its
            // domain with sites that are not ours.
            headers.put("Strict-Transport-Security", HSTS);
        }
        return super.handle(request, response, callback);
    }
}
