package io.perfsweep.client;

import java.net.URI;
import java.util.Locale;

/**
 * A parsed server base URL. A bare {@code host:port} means {@code http://host:port}; a path prefix is kept and
 * a trailing {@code /v1} is dropped, because endpoint paths already start with {@code /v1}.
 *
 * @param ssl whether the scheme is {@code https}
 * @param host host name or address, without IPv6 brackets
 * @param port explicit port (1 to 65535), else 80 or 443
 * @param pathPrefix path before {@code /v1/...}, without a trailing slash; empty for none
 */
public record BaseUrl(boolean ssl, String host, int port, String pathPrefix) {

    public static BaseUrl parse(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("base URL is required");
        }
        String text = baseUrl.strip();
        URI uri = URI.create(text.contains("://") ? text : "http://" + text);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("base URL scheme must be http or https: " + baseUrl);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("base URL has no host: " + baseUrl);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
        if (port < 1 || port > 65535) { // URI takes any digits; Vert.x throws on its event loop instead of failing
            throw new IllegalArgumentException("base URL port must be 1 to 65535, was " + port + ": " + baseUrl);
        }
        return new BaseUrl(ssl, host, port, prefixOf(uri.getRawPath()));
    }

    /** Full request path for an endpoint, e.g. {@code /proxy/v1/chat/completions}. */
    public String pathFor(EndpointKind endpoint) {
        return pathPrefix + endpoint.path();
    }

    private static String prefixOf(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.endsWith("/v1") ? path.substring(0, path.length() - 3) : path;
    }
}
