package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsweep.datagen.TraceReader;
import picocli.CommandLine;

/** The {@code datagen} commands on small traces written by the test, as a user would run them. */
class DatagenCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void analyzePrintsTheSeedTableAndWarnsAboutRowsBreakingTheBlockRule() throws IOException {
        // Block size 4. Row 3 claims 9 tokens in 2 blocks (needs 3): reported, still analysed.
        Path trace = write("trace.jsonl", """
                {"timestamp": 0, "input_length": 8, "output_length": 10, "hash_ids": [0, 1]}
                {"timestamp": 5, "input_length": 10, "output_length": 20, "hash_ids": [0, 1, 2]}
                {"timestamp": 9, "input_length": 9, "output_length": 30, "hash_ids": [3, 4]}
                """);

        int exit = run("datagen", "analyze", "--input-file", trace.toString(), "--block-size", "4");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Input Length", "Context Length", "Unique Prompt Length", "Output Length",
                "Theoretical Hit Rates", "20.0");
        assertThat(err.toString()).contains("line 3");
    }

    @Test
    void synthesizeWritesAReproducibleTraceThatReadsBack() throws IOException {
        var rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            int tail = 100 + i;
            rows.append("{\"timestamp\": ").append(i * 10).append(", \"input_length\": 10, \"output_length\": ")
                    .append(5 + i % 7).append(", \"hash_ids\": [0, 1, ").append(tail).append("]}\n");
        }
        Path trace = write("in.jsonl", rows.toString());
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");

        assertThat(run("datagen", "synthesize", "--input-file", trace.toString(), "--output-file", first.toString(),
                "--block-size", "4", "--num-requests", "50", "--seed", "3")).isZero();
        assertThat(run("datagen", "synthesize", "--input-file", trace.toString(), "--output-file", second.toString(),
                "--block-size", "4", "--num-requests", "50", "--seed", "3")).isZero();

        assertThat(Files.readString(first)).isEqualTo(Files.readString(second));
        var synthesized = TraceReader.read(first, 4);
        assertThat(synthesized.rows()).hasSize(50);
        assertThat(synthesized.violations()).isEmpty();
    }

    @Test
    void hashPromptsGivesSharedPrefixesTheSameLeadingIds() throws IOException {
        String shared = "The quick brown fox jumps over the lazy dog. ".repeat(8);
        Path prompts = write("prompts.jsonl", "{\"prompt\": \"" + shared + "Summarize it.\"}\n"
                + "{\"prompt\": \"" + shared + "Translate it to French please.\", \"output_length\": 7}\n");
        Path output = dir.resolve("trace.jsonl");

        int exit = run("datagen", "hash-prompts", "--input-file", prompts.toString(), "--output-file",
                output.toString(), "--block-size", "16", "--tokenizer", dir.resolve("no-such-tokenizer").toString());

        assertThat(exit).as(err.toString()).isZero();
        var rows = TraceReader.read(output, 16).rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).hashIds().subList(0, 4)).isEqualTo(rows.get(1).hashIds().subList(0, 4));
        assertThat(rows.get(1).outputLengthTokens()).isEqualTo(7);
    }

    private int run(String... args) {
        var commandLine = new CommandLine(new PerfsweepCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
