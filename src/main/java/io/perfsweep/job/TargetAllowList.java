package io.perfsweep.job;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.spec.InvalidJobException;

/**
 * Decides whether a job may send traffic to its target: the host must match {@code perfsweep.targets.allowed-hosts}
 * (exact name or IP literal, {@code *.suffix}, IPv4 CIDR) or be a single-label in-namespace service name when that is
 * allowed. Only the name as written is checked; a name that resolves somewhere unexpected is the operator's DNS.
 */
final class TargetAllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> allowedHosts;
    private final boolean allowSingleLabelHosts;

    TargetAllowList(PerfsweepConfig.Targets config) {
        this(config.allowedHosts(), config.allowSingleLabelHosts());
    }

    TargetAllowList(List<String> allowedHosts, boolean allowSingleLabelHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.allowSingleLabelHosts = allowSingleLabelHosts;
    }

    /** Throws {@link InvalidJobException} naming the host and the setting when the target is not allowed. */
    void check(String url) {
        check("target.url", url);
    }

    /** As {@link #check(String)}, naming the spec field {@code path} that holds {@code url}. */
    void check(String path, String url) {
        String host = host(url);
        if (!allowed(host)) {
            throw new InvalidJobException(path + " host '" + host + "' is not allowed: outbound targets must match"
                    + " perfsweep.targets.allowed-hosts " + allowedHosts
                    + (allowSingleLabelHosts ? " or be a single-label service name" : ""));
        }
    }

    boolean allowed(String host) {
        if (allowSingleLabelHosts && !host.contains(".") && !host.contains(":") && !host.isEmpty()) {
            return true;
        }
        return allowedHosts.stream().anyMatch(pattern -> matches(pattern, host));
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        if (pattern.contains("/") && IPV4.matcher(host).matches()) {
            return inCidr(pattern, host);
        }
        return pattern.equals(host);
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        if (!IPV4.matcher(parts[0]).matches()) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | (Integer.parseInt(octet) & 0xFF);
        }
        return value;
    }

    /** The host of {@code url} (scheme optional), lowercase; empty when it has none. */
    static String host(String url) {
        String withScheme = url.contains("://") ? url : "http://" + url;
        String host = URI.create(withScheme.strip()).getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
