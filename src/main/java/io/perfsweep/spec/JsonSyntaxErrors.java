package io.perfsweep.spec;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What is wrong with a text that is not JSON, said for the person who wrote it: Jackson's own description without
 * its internals (the parser features and constraint getters it names, bound Java types, its {@code REDACTED} source
 * note), followed by the line and column. The reason is stored and published, so it must read as the service's.
 * Used for job JSON and for each line of a JSONL trace (here, in {@code datagen}, so the trace reader can use it too).
 */
public final class JsonSyntaxErrors {

    /** {@code : enable `JsonReadFeature.X` to allow} and {@code , from `StreamReadConstraints.getX()`}. */
    private static final Pattern INTERNAL_HINT = Pattern.compile("[:,] (?:enable|from) `[^`]*`(?: to allow)?");
    /** {@code (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)}. */
    private static final Pattern FEATURE_NOTE = Pattern.compile(" \\(not recognized as one since Feature '\\w+'"
            + " not enabled for parser\\)");
    /** {@code (start marker at [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 55])}. */
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\([^()]*\\[Source: .*?\\]\\)|\\s*\\[Source: .*?\\]");
    private static final String FALLBACK = "unexpected input";

    private JsonSyntaxErrors() {
    }

    /** The clean description of {@code e}, read by {@code parser}: {@code <what> (line L, column C)}. */
    public static String describe(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return clean(e.getOriginalMessage()) + where(at);
    }

    /** {@code what} at the parser's current token, for faults found after Jackson read the value. */
    public static String describe(String what, JsonParser parser) {
        return what + where(parser.currentTokenLocation());
    }

    /**
     * The clean description of {@code e} in a text of one line (a JSONL row, whose line the caller names):
     * {@code <what> (column C)}.
     */
    public static String describeInLine(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return clean(e.getOriginalMessage()) + column(at);
    }

    /** {@code what} at the parser's current token of a one-line text: {@code <what> (column C)}. */
    public static String describeInLine(String what, JsonParser parser) {
        return what + column(parser.currentTokenLocation());
    }

    private static String column(JsonLocation at) {
        return at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")";
    }

    private static String clean(String message) {
        if (message == null) {
            return FALLBACK;
        }
        String cleaned = START_MARKER.matcher(
                FEATURE_NOTE.matcher(INTERNAL_HINT.matcher(message).replaceAll("")).replaceAll("")).replaceAll("");
        // A message of a kind not seen yet that still names internals: say less rather than leak them.
        return cleaned.contains("`") || cleaned.contains("Feature") || cleaned.isBlank() ? FALLBACK : cleaned;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
