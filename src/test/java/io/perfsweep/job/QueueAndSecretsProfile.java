package io.perfsweep.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with a small queue ceiling ({@value #MAX_QUEUED_JOBS}), a target API key mounted as a secret file (as a
 * Kubernetes Secret volume would) and its log written to a file the tests can search. One profile for both tests
 * that need it, so the app boots once for them.
 */
public class QueueAndSecretsProfile implements QuarkusTestProfile {

    static final int MAX_QUEUED_JOBS = 2;
    static final String SECRET_NAME = "target-api-key";
    /** The target's API key: random per run, so finding it anywhere can only mean a leak. */
    static final String API_KEY = jvmWide("api-key", "sk-" + UUID.randomUUID().toString().replace("-", ""));
    static final Path SECRETS_DIR = Path.of(jvmWide("secrets-dir",
            Path.of("target", "test-secrets-" + UUID.randomUUID()).toAbsolutePath().toString()));
    static final Path LOG_FILE = Path.of(jvmWide("log-file",
            Path.of("target", "secret-leak-test", "quarkus-" + UUID.randomUUID() + ".log").toAbsolutePath().toString()));

    static {
        try {
            Files.createDirectories(SECRETS_DIR);
            Files.writeString(SECRETS_DIR.resolve(SECRET_NAME), "Bearer " + API_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One value per test JVM: Quarkus loads this class in its own class loader as well as in the test's, and both must
     * agree on the random values.
     */
    private static String jvmWide(String name, String candidate) {
        return (String) System.getProperties().computeIfAbsent("perfsweeptest.queue-and-secrets." + name,
                key -> candidate);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("perfsweep.limits.max-queued-jobs", Integer.toString(MAX_QUEUED_JOBS),
                "perfsweep.secrets.dir", SECRETS_DIR.toString(),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE.toString(),
                "quarkus.log.file.level", "ALL",
                "quarkus.log.category.\"io.perfsweep\".level", "DEBUG");
    }
}
