package dev.parley.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files, read from the class path under {@code web/} (the web-client module) and kept in memory.
 * Only plain relative paths of safe characters are looked up, so no request can reach outside {@code web/}; only
 * files found are cached, so requests for missing paths cost a class-path look-up and no memory. Thread-safe.
 */
public final class StaticAssets {

    /** One file: bytes, content type and a strong ETag. */
    public record Asset(byte[] bytes, String contentType, String etag) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}/){0,6}"
            + "[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    private final ClassLoader loader;
    private final String root;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public StaticAssets(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** The asset at {@code path} (relative, no leading slash), if it exists and has a known type. */
    public Optional<Asset> find(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        Optional<Asset> cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        // Only files that exist are kept: the set of paths a client may ask for is unbounded, the web client is not.
        Optional<Asset> loaded = load(path);
        loaded.ifPresent(asset -> cache.putIfAbsent(path, loaded));
        return loaded;
    }

    /** Files kept in memory (for tests): at most the web client's own. */
    int cachedCount() {
        return cache.size();
    }

    /** Like {@link #find} for a file that must exist (pages the server itself serves). */
    public Asset require(String path) {
        return find(path).orElseThrow(() -> new IllegalStateException("missing web asset " + root + path));
    }

    private Optional<Asset> load(String path) {
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(root + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, etag(bytes)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
