package io.perfsweep.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The syntax rule for URLs in a job spec; whether the server answers is found out at run time. A URL without
 * {@code ://} is the bare {@code host:port} form and must name its port, so a mistyped scheme such as {@code htp:/bad}
 * (which would otherwise read as host {@code htp}) is refused at submission instead of failing when the job runs.
 */
final class TargetUrls {

    private static final String SHAPE = "use http(s)://host[:port][/path] or host:port";

    private TargetUrls() {
    }

    /** Records a violation of {@code path} when {@code url} is not an http(s) URL or a bare host:port. */
    static void check(String path, String url, Violations violations) {
        String rule = rule(url.strip());
        if (rule != null) {
            // a URL with '@' may carry a password: never echo it
            String shown = url.contains("@") ? "" : " = " + JobSpecValidator.quote(url);
            violations.addUnlessReported(path, path + shown + " " + rule);
        }
    }

    private static String rule(String text) {
        if (text.isEmpty()) {
            return "must not be blank";
        }
        URI uri;
        boolean bare = !text.contains("://");
        try {
            uri = new URI(bare ? "http://" + text : text);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + SHAPE;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https, not " + scheme;
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain credentials (user:password@): send them in target.headers by secret reference";
        }
        int port = uri.getPort();
        if (bare && port < 0) {
            return "has neither http(s):// nor a port: " + SHAPE;
        }
        if (uri.getHost() == null || port == 0 || port > 65535) {
            return "has no valid host and port: " + SHAPE;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or a fragment";
        }
        return null;
    }
}
