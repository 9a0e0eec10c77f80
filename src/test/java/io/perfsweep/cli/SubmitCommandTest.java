package io.perfsweep.cli;

import static io.perfsweep.cli.RunCommandTest.assertOneLineOfBadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code submit} refuses what it cannot send before it talks to NATS: one line, exit code 2. */
@QuarkusMainTest
@TestProfile(RunCommandTest.CliProfile.class)
class SubmitCommandTest {

    @Test
    void aMissingOrInvalidJobFileIsOneLineOfBadInput(QuarkusMainLauncher launcher) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "submit-command-test"));
        Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"apiVersion\": \"perfsweep/v1\"}");

        LaunchResult missing = launcher.launch("submit", dir.resolve("missing.json").toString());
        LaunchResult notAJob = launcher.launch("submit", invalid.toString());

        assertOneLineOfBadInput(missing, "missing.json", "does not exist");
        assertOneLineOfBadInput(notAJob, "invalid.json", "is not a valid job");
    }
}
