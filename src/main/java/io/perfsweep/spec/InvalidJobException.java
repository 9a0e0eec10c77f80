package io.perfsweep.spec;

import java.util.List;

/**
 * A job that cannot run, with every reason found; {@link #reason()} is the text the intake stores and publishes.
 * Reasons never contain secret values.
 */
public class InvalidJobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Most violations spelled out in {@link #reason()}; the rest are counted. */
    static final int MAX_LISTED = 50;

    /** The violations, in the order found. */
    private final List<String> violations;

    public InvalidJobException(List<String> violations) {
        super(join(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid job needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidJobException(String violation) {
        this(List.of(violation));
    }

    /** Every violation, one human-readable sentence each, naming the field path and the rule. */
    public List<String> violations() {
        return violations;
    }

    /** The violations joined with {@code "; "}, at most {@value #MAX_LISTED} spelled out. */
    public String reason() {
        return getMessage();
    }

    private static String join(List<String> violations) {
        if (violations.size() <= MAX_LISTED) {
            return String.join("; ", violations);
        }
        return String.join("; ", violations.subList(0, MAX_LISTED)) + "; and " + (violations.size() - MAX_LISTED)
                + " more";
    }
}
