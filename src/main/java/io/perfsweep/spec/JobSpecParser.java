package io.perfsweep.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses and validates {@code perfsweep/v1} job specs: the one way in for NATS, REST and the CLI. A valid spec
 * comes back with every default filled; an invalid one throws {@link InvalidJobException} listing every violation.
 */
public final class JobSpecParser {

    /** Duplicate keys are an error (which one would win?); so is anything after the value, checked in readTree. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JobLimits limits;
    private final List<SpecRule> rules;

    /** A parser of the contract's own rules only. */
    public JobSpecParser(JobLimits limits) {
        this(limits, List.of());
    }

    /** A parser that also checks {@code rules}, after its own. */
    public JobSpecParser(JobLimits limits, List<SpecRule> rules) {
        this.limits = limits;
        this.rules = List.copyOf(rules);
    }

    /** The ceilings this parser enforces. */
    public JobLimits limits() {
        return limits;
    }

    /**
     * The spec in {@code json} (UTF-8), with defaults filled. Bytes that are not UTF-8 reject the job, naming where
     * they are: replaced silently, they would change a name or a header reference into something nobody sent.
     */
    public JobSpec parse(byte[] json) {
        return parse(strictUtf8(json));
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // decode() leaves the buffer at the first byte it could not read
            throw new InvalidJobException("the job is not valid UTF-8: the byte at offset " + in.position() + " (0x"
                    + String.format("%02x", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff)
                    + ") does not start or continue a UTF-8 character");
        }
    }

    /**
     * The spec in {@code json}, with defaults filled.
     *
     * @throws InvalidJobException with every violation when the text is not a valid job
     */
    public JobSpec parse(String json) {
        JsonNode root = readTree(json);
        rejectNul(root, "");
        var violations = new Violations();
        JobSpec spec = new JobSpecReader(limits, violations).read(root);
        if (spec != null) {
            new JobSpecValidator(limits, violations).validate(spec);
            rules.forEach(rule -> rule.check(spec, violations));
        }
        violations.throwIfAny();
        return spec;
    }

    private static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidJobException("the job is empty: expected a JSON object");
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            try {
                JsonNode root = MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    throw notJson(JsonSyntaxErrors.describe("there is more after the end of the job", parser));
                }
                return root;
            } catch (JsonProcessingException e) {
                throw notJson(JsonSyntaxErrors.describe(e, parser));
            }
        } catch (IOException impossible) { // the text is in memory
            throw new UncheckedIOException(impossible);
        }
    }

    /**
     * Refuses a U+0000 anywhere in the job's names or texts: PostgreSQL's jsonb and text cannot hold it, so such a job
     * could be neither stored to run nor stored as rejected.
     */
    private static void rejectNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw new InvalidJobException((path.isEmpty() ? "the job" : path) + " contains a NUL character (U+0000),"
                    + " which cannot be stored");
        }
        for (var field : node.properties()) {
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().indexOf('\0') >= 0) {
                throw new InvalidJobException("a field name" + (path.isEmpty() ? "" : " in " + path)
                        + " contains a NUL character (U+0000), which cannot be stored");
            }
            rejectNul(field.getValue(), at);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            rejectNul(node.get(i), path + "[" + i + "]");
        }
    }

    private static InvalidJobException notJson(String what) {
        return new InvalidJobException("the job is not valid JSON: " + what);
    }
}
