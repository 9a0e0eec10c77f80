package io.perfsweep.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The syntax rule for URLs in a job spec; whether the server answers is found out at run time. */
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
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
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
        if (uri.getHost() == null || uri.getPort() > 65535) {
            return "has no valid host and port: " + SHAPE;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or a fragment";
        }
        return null;
    }
}
