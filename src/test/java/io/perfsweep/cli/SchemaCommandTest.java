package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import picocli.CommandLine;

/** {@code perfsweep schema} prints a schema that takes DESIGN's example job and refuses a misspelt field. */
class SchemaCommandTest {

    /** The example of DESIGN.md, "Contracts that users see", exactly as written there. */
    private static final String DESIGN_EXAMPLE = """
            {"apiVersion": "perfsweep/v1", "id": "nightly-2026-11-22", "name": "qwen3-0p6b-vllm-agg",
             "target": {"url": "http://vllm-agg-frontend:8000", "model": "Qwen/Qwen3-0.6B", "endpoint": "chat",
                        "deployment": {"mode": "aggregated", "tp": 1, "dp": 1}},
             "workload": {"type": "synthetic", "isl": 2000, "islStd": 10, "osl": 256},
             "load": {"type": "concurrency", "levels": [1, 2, 5, 10, 50, 100, 250], "requestCount": 300},
             "slo": {"ttftMs": 500, "itlMs": 50}}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePrintedSchemaValidatesTheDesignExampleAndRejectsAMisspeltField() throws Exception {
        var out = new StringWriter();
        var command = new CommandLine(new PerfsweepCommand());
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("schema");

        assertThat(exitCode).isZero();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(out.toString());
        assertThat(schema.validate(JSON.readTree(DESIGN_EXAMPLE))).isEmpty();
        String misspelt = DESIGN_EXAMPLE.replace("\"levels\"", "\"concurrencys\"");
        assertThat(misspelt).contains("concurrencys");
        assertThat(schema.validate(JSON.readTree(misspelt))).extracting(Error::getMessage)
                .anyMatch(message -> message.contains("concurrencys"));
    }
}
