package io.perfsweep.server;

import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One sample line taken apart: {@code name{label="value",…} value [timestamp]}, plus an OpenMetrics exemplar after
 * {@code " # "} which is checked for shape and dropped.
 */
record SampleLine(String name, SortedMap<String, String> labels, double value, OptionalLong timestampMillis) {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /** Thrown for a malformed line; the parser adds the line number. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String problem) {
            super(problem, null, false, false);
        }
    }

    static SampleLine parse(String line, boolean openMetrics) {
        Cursor cursor = new Cursor(line);
        String name = cursor.metricName();
        cursor.skipBlanks();
        SortedMap<String, String> labels = cursor.peek() == '{' ? cursor.labels() : new TreeMap<>();
        String rest = line.substring(cursor.pos);
        if (openMetrics) {
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                checkExemplar(rest.substring(hash));
                rest = rest.substring(0, hash);
            }
        }
        String trimmed = rest.strip();
        if (trimmed.isEmpty()) {
            throw new Malformed("no value");
        }
        String[] tokens = trimmed.split("[ \t]+");
        if (tokens.length > 2) {
            throw new Malformed("unexpected text after the timestamp");
        }
        double value = value(tokens[0]);
        OptionalLong timestamp = tokens.length == 2 ? OptionalLong.of(timestampMillis(tokens[1], openMetrics))
                : OptionalLong.empty();
        return new SampleLine(name, labels, value, timestamp);
    }

    private static void checkExemplar(String exemplar) {
        if (!exemplar.startsWith("# {") || exemplar.indexOf('}') < 0) {
            throw new Malformed("malformed exemplar");
        }
    }

    /** A sample value: a decimal or {@code NaN}, {@code +Inf}, {@code -Inf} (Go's spellings, any case). */
    static double value(String token) {
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!DECIMAL.matcher(token).matches()) {
                    throw new Malformed("invalid value '" + token + "'");
                }
                return Double.parseDouble(token);
        }
    }

    private static long timestampMillis(String token, boolean openMetrics) {
        if (openMetrics) {
            if (!DECIMAL.matcher(token).matches()) {
                throw new Malformed("invalid timestamp '" + token + "' (seconds expected)");
            }
            return Math.round(Double.parseDouble(token) * 1000);
        }
        if (!INTEGER.matcher(token).matches()) {
            throw new Malformed("invalid timestamp '" + token + "' (integer milliseconds expected)");
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new Malformed("timestamp out of range '" + token + "'");
        }
    }

    /** Reads names and label sets from a line, left to right. */
    private static final class Cursor {
        private final String line;
        private int pos;

        Cursor(String line) {
            this.line = line;
        }

        char peek() {
            return pos < line.length() ? line.charAt(pos) : '\0';
        }

        void skipBlanks() {
            while (peek() == ' ' || peek() == '\t') {
                pos++;
            }
        }

        String metricName() {
            int start = pos;
            while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, true)) {
                pos++;
            }
            if (pos == start) {
                throw new Malformed("invalid metric name");
            }
            return line.substring(start, pos);
        }

        SortedMap<String, String> labels() {
            SortedMap<String, String> labels = new TreeMap<>();
            pos++; // '{'
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    pos++;
                    return labels;
                }
                String name = labelName();
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                if (labels.put(name, quoted()) != null) {
                    throw new Malformed("duplicate label '" + name + "'");
                }
                skipBlanks();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new Malformed("expected ',' or '}' after label '" + name + "'");
                }
            }
        }

        private String labelName() {
            int start = pos;
            while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, false)) {
                pos++;
            }
            if (pos == start) {
                throw new Malformed("invalid label name");
            }
            return line.substring(start, pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new Malformed("expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    value.append(escaped(pos < line.length() ? line.charAt(pos++) : '\0', true));
                } else {
                    value.append(c);
                }
            }
            throw new Malformed("unterminated label value");
        }

        private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
            return letter || (!first && c >= '0' && c <= '9');
        }
    }

    /** The character an escape stands for: {@code \\}, {@code \n}, and {@code \"} where {@code quoteAllowed}. */
    static char escaped(char c, boolean quoteAllowed) {
        switch (c) {
            case '\\':
                return '\\';
            case 'n':
                return '\n';
            case '"':
                if (quoteAllowed) {
                    return '"';
                }
                throw new Malformed("invalid escape sequence '\\\"'");
            default:
                throw new Malformed("invalid escape sequence '\\" + c + "'");
        }
    }
}
