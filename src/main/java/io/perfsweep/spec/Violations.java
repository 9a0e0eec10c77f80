package io.perfsweep.spec;

import java.util.ArrayList;
import java.util.List;

/** The violations found in one job spec, each tied to the field path it is about. */
public final class Violations {

    private record Violation(String path, String message) {
    }

    private final List<Violation> found = new ArrayList<>();

    /** Records a violation of {@code path}; {@code message} is the whole sentence. */
    void add(String path, String message) {
        found.add(new Violation(path, message));
    }

    /** Records {@code <path> = <value> <rule>}, e.g. {@code load.levels[0] = 0 must be at least 1}. */
    void add(String path, Object shownValue, String rule) {
        add(path, path + " = " + shownValue + " " + rule);
    }

    /** Records a rule violation unless {@code path} or a field holding it was already reported (as the wrong type). */
    public void addUnlessReported(String path, String message) {
        if (found.stream().noneMatch(v -> covers(v.path(), path))) {
            add(path, message);
        }
    }

    /** Like {@link #addUnlessReported(String, String)}, as {@code <path> = <value> <rule>}. */
    public void addUnlessReported(String path, Object shownValue, String rule) {
        addUnlessReported(path, path + " = " + shownValue + " " + rule);
    }

    /** Whether {@code path} or any field inside it was reported. */
    public boolean hasAnyUnder(String path) {
        return found.stream().anyMatch(v -> covers(path, v.path()));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every violation at once, if there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidJobException(found.stream().map(Violation::message).toList());
        }
    }

    private static boolean covers(String reported, String path) {
        return path.equals(reported) || path.startsWith(reported + ".") || path.startsWith(reported + "[");
    }
}
