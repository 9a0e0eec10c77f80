package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class TraceReaderTest {

    private static TraceFile read(String jsonl, int blockSizeTokens) throws IOException {
        return TraceReader.read(new BufferedReader(new StringReader(jsonl)), blockSizeTokens);
    }

    @Test
    void readsMooncakeFieldsAndSessionExtensions() throws IOException {
        TraceFile file = read(
                """
                        {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59]}
                        {"session_id": "s-1", "delay": 250, "input_length": 10, "output_length": 5, "hash_ids": [1]}
                        """,
                512);

        assertThat(file.rows()).containsExactly(
                TraceRow.of(27482, 6955, 52, List.of(46L, 47L, 48L, 49L, 50L, 51L, 52L, 53L, 54L, 55L, 56L, 57L, 58L, 59L)),
                new TraceRow(null, 10, 5, List.of(1L), "s-1", 250L));
        assertThat(file.satisfiesBlockRule()).isTrue();
    }

    @Test
    void acceptsDynamoReplayAliases() throws IOException {
        TraceFile file = read("{\"created_time\": 5, \"input_tokens\": 3, \"output_tokens\": 7, \"hash_ids\": [9], "
                + "\"delay_ms\": 40}\n", 4);

        assertThat(file.rows()).containsExactly(new TraceRow(5L, 3, 7, List.of(9L), null, 40L));
    }

    @Test
    void aRowWithAFieldAndItsAliasIsRefusedNamingTheLine() {
        String base = "{\"timestamp\": 0, \"input_length\": 3, \"output_length\": 1, \"hash_ids\": [0]";

        assertThatThrownBy(() -> read(base + "}\n" + base + ", \"created_time\": 0}\n", 4))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("line 2: has both \"timestamp\" and its alias \"created_time\"; keep one");
        assertThatThrownBy(() -> read(base + ", \"input_tokens\": 3}", 4))
                .hasMessage("line 1: has both \"input_length\" and its alias \"input_tokens\"; keep one");
        assertThatThrownBy(() -> read(base + ", \"output_tokens\": 1}", 4))
                .hasMessage("line 1: has both \"output_length\" and its alias \"output_tokens\"; keep one");
        assertThatThrownBy(() -> read(base + ", \"delay\": 5, \"delay_ms\": 5}", 4))
                .hasMessage("line 1: has both \"delay\" and its alias \"delay_ms\"; keep one");
    }

    @Test
    void malformedLineNamesItsLineNumber() {
        String jsonl = """
                {"timestamp": 0, "input_length": 3, "output_length": 1, "hash_ids": [0]}

                {"timestamp": 1, "input_length": 3, "output_length": 1, "hash_ids": [0
                """;

        assertThatThrownBy(() -> read(jsonl, 4)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("line 3: not valid JSON")
                .satisfies(e -> assertThat(((TraceFormatException) e).lineNumber()).isEqualTo(3));
    }

    @Test
    void aMalformedLineIsItsLineNumberAndAShortReasonWithoutParserInternals() {
        String row = "{\"timestamp\": 0, \"input_length\": 3, \"output_length\": 1, \"hash_ids\": [0]}";

        assertThatThrownBy(() -> read(row + "\n" + row.replace("[0]", "[0"), 4))
                .hasMessage("line 2: not valid JSON: Unexpected close marker '}': expected ']' (column 71)");
        assertThatThrownBy(() -> read(row + "\n\n{\"timestamp\": x}", 4))
                .hasMessageStartingWith("line 3: not valid JSON: Unrecognized token 'x'").hasMessageEndingWith("(column 15)");
        assertThatThrownBy(() -> read("{'timestamp': 0}", 4))
                .hasMessageStartingWith("line 1: not valid JSON: Unexpected character (''' (code 39))");
        assertThatThrownBy(() -> read(row + " {}", 4))
                .hasMessage("line 1: not valid JSON: there is more after the row (column 74)");
        for (String bad : List.of(row.replace("[0]", "[0"), "{\"timestamp\": x}", "{'timestamp': 0}", "{\"a\": 1 // c}")) {
            assertThatThrownBy(() -> read(bad, 4)).isInstanceOf(TraceFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDACTED", "Source", "Feature", "`",
                            "StreamRead", "JsonReadFeature", "line: ", "\n"));
        }
    }

    @Test
    void missingOrMistypedFieldsAreErrorsWithLineNumbers() {
        assertThatThrownBy(() -> read("{\"timestamp\": 0, \"output_length\": 1, \"hash_ids\": []}", 4))
                .hasMessage("line 1: missing \"input_length\" (or \"input_tokens\")");
        assertThatThrownBy(() -> read("\n{\"input_length\": 2.5, \"output_length\": 1}", 4))
                .hasMessage("line 2: \"input_length\" must be a whole number, got 2.5");
        assertThatThrownBy(() -> read("{\"input_length\": 2, \"output_length\": 1, \"hash_ids\": 7}", 4))
                .hasMessage("line 1: \"hash_ids\" must be an array, got 7");
        assertThatThrownBy(() -> read("[1, 2]", 4)).hasMessage("line 1: expected a JSON object");
    }

    @Test
    void ceilRuleViolationsAreReportedWithLineNumbersNotFixed() throws IOException {
        // block 4: input 8 needs ceil(8/4) = 2 ids; input 9 needs 3; input 0 needs 0.
        TraceFile file = read("""
                {"timestamp": 0, "input_length": 8, "output_length": 1, "hash_ids": [0, 1]}
                {"timestamp": 1, "input_length": 8, "output_length": 1, "hash_ids": [0, 1, 2]}

                {"timestamp": 2, "input_length": 9, "output_length": 1, "hash_ids": [0, 1]}
                {"timestamp": 3, "input_length": 0, "output_length": 1, "hash_ids": []}
                {"timestamp": 4, "input_length": 5, "output_length": 1, "hash_ids": []}
                """, 4);

        assertThat(file.rows()).hasSize(5);
        assertThat(file.rows().get(1).hashIds()).containsExactly(0L, 1L, 2L); // kept as read
        assertThat(file.violations()).containsExactly(new BlockRuleViolation(2, 8, 3, 2),
                new BlockRuleViolation(4, 9, 2, 3), new BlockRuleViolation(6, 5, 0, 2));
        assertThat(file.violations().get(1).message())
                .isEqualTo("line 4: input_length 9 needs 3 hash ids (ceil rule) but the row has 2");
    }

    @Test
    void writerUsesPythonJsonDumpsLayoutAndReadsBack() throws IOException {
        List<TraceRow> rows = List.of(TraceRow.of(0, 600, 20, List.of(0L, 1L)),
                new TraceRow(null, 3, 4, List.of(), "a\"b", 10L));
        StringWriter out = new StringWriter();

        TraceWriter.writeRows(out, rows);

        assertThat(out.toString()).isEqualTo("""
                {"timestamp": 0, "input_length": 600, "output_length": 20, "hash_ids": [0, 1]}
                {"input_length": 3, "output_length": 4, "hash_ids": [], "session_id": "a\\"b", "delay": 10}
                """);
        assertThat(read(out.toString(), 512).rows()).isEqualTo(rows);
    }
}
