package io.perfsweep.datagen;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.workload.Tokenizer;

/**
 * Reads the prompts JSONL of {@code datagen hash-prompts}: one {@code {"prompt": "..."}} per line, with optional
 * {@code output_length} and {@code timestamp}; blank lines are skipped, any other bad line fails with a
 * {@link TraceFormatException} naming it.
 */
public final class PromptFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PromptFile() {
    }

    /** The prompts, tokenized with {@code tokenizer}; lines without {@code output_length} get the default. */
    public static List<PromptHashIds.Prompt> read(BufferedReader in, Tokenizer tokenizer, int defaultOutputLength)
            throws IOException {
        List<PromptHashIds.Prompt> prompts = new ArrayList<>();
        String line;
        for (long lineNumber = 1; (line = in.readLine()) != null; lineNumber++) {
            if (!line.isBlank()) {
                prompts.add(parse(line, lineNumber, tokenizer, defaultOutputLength));
            }
        }
        return prompts;
    }

    private static PromptHashIds.Prompt parse(String line, long lineNumber, Tokenizer tokenizer,
            int defaultOutputLength) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new TraceFormatException(lineNumber, "not valid JSON");
        }
        if (node == null || !node.path("prompt").isTextual()) {
            throw new TraceFormatException(lineNumber, "needs a string field \"prompt\"");
        }
        Long timestamp = node.hasNonNull("timestamp") ? node.get("timestamp").asLong() : null;
        int outputLength = node.path("output_length").asInt(defaultOutputLength);
        return new PromptHashIds.Prompt(tokenizer.encode(node.get("prompt").asText()), timestamp, outputLength);
    }
}
