package io.perfsweep.job;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What is wrong with a text that is not JSON, said for the person who wrote it: Jackson's own description without
 * its internals (the parser features and constraint getters it names, bound Java types, its {@code REDACTED} source
 * note), followed by the line and column. The reason is stored and published, so it must read as the service's.
 */
final class JsonSyntaxErrors {

    /** {@code : enable `JsonReadFeature.X` to allow} and {@code , from `StreamReadConstraints.getX()`}. */
    private static final Pattern INTERNAL_HINT = Pattern.compile("[:,] (?:enable|from) `[^`]*`(?: to allow)?");
    /** {@code (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)}. */
    private static final Pattern FEATURE_NOTE = Pattern.compile(" \\(not recognized as one since Feature '\\w+'"
            + " not enabled for parser\\)");
    private static final String FALLBACK = "unexpected input";

    private JsonSyntaxErrors() {
    }

    /** The clean description of {@code e}, read by {@code parser}: {@code <what> (line L, column C)}. */
    static String describe(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return clean(e.getOriginalMessage()) + where(at);
    }

    /** {@code what} at the parser's current token, for faults found after Jackson read the value. */
    static String describe(String what, JsonParser parser) {
        return what + where(parser.currentTokenLocation());
    }

    private static String clean(String message) {
        if (message == null) {
            return FALLBACK;
        }
        String cleaned = FEATURE_NOTE.matcher(INTERNAL_HINT.matcher(message).replaceAll("")).replaceAll("");
        // A message of a kind not seen yet that still names internals: say less rather than leak them.
        return cleaned.contains("`") || cleaned.contains("Feature") || cleaned.isBlank() ? FALLBACK : cleaned;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
