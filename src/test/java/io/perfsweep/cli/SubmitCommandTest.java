package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** Exit code 2 and one line on stderr naming what is wrong: no stack trace, no usage to scroll through. */
    private static void assertOneLineOfBadInput(LaunchResult result, String... mentions) {
        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(2);
        List<String> lines = result.getErrorStream().stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(result.getErrorOutput()).hasSize(1);
        assertThat(lines.get(0)).contains(mentions);
    }

}
