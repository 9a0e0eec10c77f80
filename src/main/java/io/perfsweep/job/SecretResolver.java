package io.perfsweep.job;

import java.util.Optional;

import io.perfsweep.spec.SecretRef;

/** Turns a {@link SecretRef} name into its value; the service reads secrets from config or mounted files. */
@FunctionalInterface
public interface SecretResolver {

    /** A resolver that knows no secret. */
    SecretResolver NONE = name -> Optional.empty();

    /** The secret's value, or empty when no secret has that name. */
    Optional<String> resolve(String secretRef);
}
