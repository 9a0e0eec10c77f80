package io.perfsweep.api;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one shape of every API error.
 *
 * @param type a stable machine-readable kind, e.g. {@code invalid_job}, {@code not_found}
 * @param code the HTTP status
 * @param message what went wrong, for a person
 * @param violations every rule a rejected job broke, each naming its field; empty otherwise
 */
@RegisterForReflection
public record ApiError(String type, int code, String message, List<String> violations) {
}
