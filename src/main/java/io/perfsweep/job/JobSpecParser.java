package io.perfsweep.job;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses and validates {@code perfsweep/v1} job specs: the one way in for NATS, REST and the CLI. A valid spec
 * comes back with every default filled; an invalid one throws {@link InvalidJobException} listing every violation.
 */
public final class JobSpecParser {

    /** Duplicate keys are an error (which one would win?), and so is anything after the object. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JobLimits limits;

    public JobSpecParser(JobLimits limits) {
        this.limits = limits;
    }

    /** The ceilings this parser enforces. */
    public JobLimits limits() {
        return limits;
    }

    /** The spec in {@code json} (UTF-8), with defaults filled. */
    public JobSpec parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * The spec in {@code json}, with defaults filled.
     *
     * @throws InvalidJobException with every violation when the text is not a valid job
     */
    public JobSpec parse(String json) {
        JsonNode root = readTree(json);
        var violations = new Violations();
        JobSpec spec = new JobSpecReader(limits, violations).read(root);
        if (spec != null) {
            new JobSpecValidator(limits, violations).validate(spec);
        }
        violations.throwIfAny();
        return spec;
    }

    private static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidJobException("the job is empty: expected a JSON object");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidJobException("the job is not valid JSON: " + e.getOriginalMessage() + where);
        }
    }
}
