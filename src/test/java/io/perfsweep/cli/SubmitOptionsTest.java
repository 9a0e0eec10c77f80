package io.perfsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code submit} refuses what it cannot send before it talks to NATS: one line, exit code 2. Checked at the picocli
 * level (no Quarkus launch) with no NATS bean at all, so any use of NATS before the refusal would fail the test.
 */
class SubmitOptionsTest {

    @Test
    void aMissingOrInvalidJobFileIsOneLineOfBadInput() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "submit-options-test"));
        Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"apiVersion\": \"perfsweep/v1\"}");

        var missing = CommandRun.parsingJobs("submit", dir.resolve("missing.json").toString());
        var notAJob = CommandRun.parsingJobs("submit", invalid.toString());

        missing.assertOneLineOfBadInput("missing.json", "does not exist");
        notAJob.assertOneLineOfBadInput("invalid.json", "is not a valid job");
    }
}
