package io.perfsweep.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;

/** Resolves secret references from configuration, then from mounted files (a Kubernetes Secret volume). */
@ApplicationScoped
public class ConfiguredSecrets implements SecretResolver {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    @Inject
    PerfsweepConfig config;

    @Override
    public Optional<String> resolve(String secretRef) {
        String configured = config.secrets().values().get(secretRef);
        if (configured != null) {
            return Optional.of(configured);
        }
        // The name comes from a job message: never let it walk out of the secrets directory.
        if (!SAFE_NAME.matcher(secretRef).matches() || secretRef.startsWith(".")) {
            return Optional.empty();
        }
        Path file = Path.of(config.secrets().dir()).resolve(secretRef);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
