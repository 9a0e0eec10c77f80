package io.perfsweep.spec;

/**
 * A reference to a secret the service holds (a mounted file or a config key), never the secret itself. In JSON:
 * {@code {"secretRef": "vllm-api-key"}}.
 *
 * @param secretRef name of the secret: letters, digits, {@code .}, {@code -}, {@code _}, at most 253 characters
 */
public record SecretRef(String secretRef) {
}
