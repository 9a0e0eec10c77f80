package io.perfsweep.job;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This instance's name as shares list it: {@code PERFSWEEP_INSTANCE}, else {@code HOSTNAME} (a Kubernetes pod's
 * name), else {@code pid@host}; and a token for its NATS subjects, unique per process start.
 */
@ApplicationScoped
public class InstanceName {

    private final String name = resolve();
    private final String token = name.replaceAll("[^A-Za-z0-9_-]", "_") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private static String resolve() {
        for (String variable : new String[] { "PERFSWEEP_INSTANCE", "HOSTNAME" }) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    public String name() {
        return name;
    }

    /** Letters, digits, {@code _} and {@code -} only: safe as one token of a NATS subject. */
    public String token() {
        return token;
    }
}
