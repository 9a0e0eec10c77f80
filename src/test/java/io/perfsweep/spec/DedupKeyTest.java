package io.perfsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dedup key is the spec's id, else the NATS message id, else a hash of the spec's canonical JSON. */
class DedupKeyTest {

    private final JobSpecParser parser = new JobSpecParser(JobLimits.DEFAULTS);

    @Test
    void theSpecsIdWins() {
        assertThat(parser.parse(JobSpecParserTest.DESIGN_EXAMPLE).dedupKey("msg-1")).isEqualTo("nightly-2026-11-22");
    }

    @Test
    void thenTheNatsMessageId() {
        JobSpec spec = parser.parse(JobSpecParserTest.MINIMAL);

        assertThat(spec.dedupKey("msg-1")).isEqualTo("msg-1");
    }

    @Test
    void elseTheSha256OfTheCanonicalJson() {
        JobSpec spec = parser.parse(JobSpecParserTest.MINIMAL);

        assertThat(spec.dedupKey(null)).matches("[0-9a-f]{64}").isEqualTo(spec.dedupKey(" "));
    }

    @Test
    void theHashIgnoresLayoutKeyOrderAndSpelledOutDefaults() {
        JobSpec spelledOut = parser.parse("""
                {"target": {"deployment": {"dp": 1, "tp": 1}, "url": "host:8000"},
                 "name": "x", "apiVersion": "perfsweep/v1", "workload": {"isl": 2000}}""");
        JobSpec other = parser.parse(JobSpecParserTest.MINIMAL.replace("\"x\"", "\"y\""));
        String key = parser.parse(JobSpecParserTest.MINIMAL).dedupKey(null);

        assertThat(spelledOut.dedupKey(null)).isEqualTo(key);
        assertThat(other.dedupKey(null)).isNotEqualTo(key);
    }
}
