package io.perfsweep.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON object of a job spec, read field by field: a wrong type is recorded as a violation naming the field
 * path and the fallback is returned, so reading goes on and every violation is found. JSON {@code null} means absent.
 */
final class SpecObject {

    /** Longest rendering of a wrong value in a message. */
    private static final int SHOWN_CHARS = 64;

    private final JsonNode node;
    private final String path;
    private final Violations violations;

    private SpecObject(JsonNode node, String path, Violations violations) {
        this.node = node;
        this.path = path;
        this.violations = violations;
    }

    /** The object at {@code path}, or null (violation recorded) when the node is not an object. */
    static SpecObject of(JsonNode node, String path, Violations violations) {
        if (!node.isObject()) {
            violations.add(path, show(node), "must be an object");
            return null;
        }
        return new SpecObject(node, path, violations);
    }

    /** The path of one field of this object, e.g. {@code target.url}. */
    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Records every field not in {@code known}, listing the known ones. */
    void allowOnly(String what, String... known) {
        List<String> allowed = Arrays.asList(known);
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                violations.add(path(name), path(name) + " is not a field of " + what + "; known fields: "
                        + String.join(", ", known));
            }
        }
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The raw value of a field; null when absent or JSON null. */
    JsonNode raw(String field) {
        return has(field) ? node.get(field) : null;
    }

    String string(String field, String fallback) {
        return read(field, fallback, SpecObject::asString, "must be a string");
    }

    Integer integer(String field, Integer fallback) {
        return read(field, fallback, SpecObject::asInt, intRule(raw(field)));
    }

    Long longInteger(String field, Long fallback) {
        return read(field, fallback, v -> v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToLong()
                ? v.longValue()
                : null, "must be an integer");
    }

    Double number(String field, Double fallback) {
        return read(field, fallback, v -> v.isNumber() ? v.doubleValue() : null, "must be a number");
    }

    Boolean bool(String field, Boolean fallback) {
        return read(field, fallback, v -> v.isBoolean() ? v.booleanValue() : null, "must be true or false");
    }

    /** A nested object, or null when absent or not an object (violation recorded). */
    SpecObject object(String field) {
        return has(field) ? of(node.get(field), path(field), violations) : null;
    }

    List<Integer> integers(String field, List<Integer> fallback) {
        return list(field, fallback, SpecObject::asInt, "must be an array of integers", SpecObject::intRule);
    }

    List<String> strings(String field, List<String> fallback) {
        return list(field, fallback, SpecObject::asString, "must be an array of strings", v -> "must be a string");
    }

    List<Double> numbers(String field, List<Double> fallback) {
        return list(field, fallback, v -> v.isNumber() ? v.doubleValue() : null, "must be an array of numbers",
                v -> "must be a number");
    }

    /** The raw fields of a nested object, with their paths as keys; empty when absent or not an object. */
    Map<String, JsonNode> children(String field) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        SpecObject object = object(field);
        if (object != null) {
            object.node.properties().forEach(e -> result.put(e.getKey(), e.getValue()));
        }
        return result;
    }

    /** The fields of an object whose values are all read by {@code reader}; null marks a wrong value (recorded). */
    <T> Map<String, T> entries(String field, Function<JsonNode, T> reader, String rule) {
        Map<String, T> result = new LinkedHashMap<>();
        SpecObject object = object(field);
        if (object == null) {
            return result;
        }
        object.node.properties().forEach(e -> {
            T value = e.getValue().isNull() ? null : reader.apply(e.getValue());
            if (value == null) {
                violations.add(object.path(e.getKey()), show(e.getValue()), rule);
            } else {
                result.put(e.getKey(), value);
            }
        });
        return result;
    }

    private <T> T read(String field, T fallback, Function<JsonNode, T> reader, String rule) {
        if (!has(field)) {
            return fallback;
        }
        T value = reader.apply(node.get(field));
        if (value == null) {
            violations.add(path(field), show(node.get(field)), rule);
            return fallback;
        }
        return value;
    }

    private <T> List<T> list(String field, List<T> fallback, Function<JsonNode, T> reader, String rule,
            Function<JsonNode, String> elementRule) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode array = node.get(field);
        if (!array.isArray()) {
            violations.add(path(field), show(array), rule);
            return fallback;
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            T value = reader.apply(array.get(i));
            if (value == null) {
                violations.add(path(field) + "[" + i + "]", show(array.get(i)), elementRule.apply(array.get(i)));
            } else {
                result.add(value);
            }
        }
        return result;
    }

    static String asString(JsonNode value) {
        return value.isTextual() ? value.textValue() : null;
    }

    private static Integer asInt(JsonNode value) {
        return value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt() ? value.intValue()
                : null;
    }

    private static String intRule(JsonNode value) {
        boolean integral = value != null && value.isNumber() && value.canConvertToExactIntegral();
        return integral ? "must be a 32-bit integer (at most 2147483647)" : "must be an integer";
    }

    /** A value as it appears in JSON, cut to {@value #SHOWN_CHARS} characters. */
    static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }
}
