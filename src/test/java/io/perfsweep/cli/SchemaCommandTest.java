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

import io.perfsweep.spec.JobSpecParserTest;
import picocli.CommandLine;

/** {@code perfsweep schema} prints a schema that takes DESIGN's example job and refuses a misspelt field. */
class SchemaCommandTest {

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
        assertThat(schema.validate(JSON.readTree(JobSpecParserTest.DESIGN_EXAMPLE))).isEmpty();
        String misspelt = JobSpecParserTest.DESIGN_EXAMPLE.replace("\"levels\"", "\"concurrencys\"");
        assertThat(misspelt).contains("concurrencys");
        assertThat(schema.validate(JSON.readTree(misspelt))).extracting(Error::getMessage)
                .anyMatch(message -> message.contains("concurrencys"));
    }
}
