package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsweep.report.AiperfExport;
import io.perfsweep.testsupport.FaultyTarget;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import picocli.CommandLine;

/** {@code run --request-timeout-seconds} and {@code --idle-timeout-seconds} bound a point, as a user sets them. */
@QuarkusTest
@TestProfile(CliProfile.class)
class RunTimeoutOptionsTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "run-timeout-options-test");

    /** Without the options the configured 10 min request timeout would hold this run for 20 minutes. */
    @Test
    void theRequestTimeoutEndsEveryRequestToATargetThatNeverAnswers() throws IOException {
        try (var target = FaultyTarget.start(FaultyTarget.Mode.NEVER_ANSWERS)) {
            long started = System.nanoTime();
            CommandRun result = CommandRun.inApp(factory, "run", "--benchmark-name", "silent", "--endpoint-url",
                    target.baseUrl(), "--concurrencies", "1", "--request-count", "2", "--isl", "16", "--std", "0",
                    "--osl", "4", "--request-timeout-seconds", "1", "--idle-timeout-seconds", "0", "--output-dir",
                    OUTPUT_DIR.toString());
            long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            // Minutes at most for start-up on a busy machine; the configured timeout would take 20.
            assertThat(elapsedSeconds).as("two requests of 1 s, plus start-up").isLessThan(300);
            List<String> records = Files.readAllLines(OUTPUT_DIR.resolve("silent/c1").resolve(AiperfExport.JSONL_FILE));
            assertThat(records).hasSize(2).allSatisfy(line -> assertThat(line).contains("TIMEOUT",
                    "no complete response within 1000 ms (request sent, no response headers)"));
        }
    }
}
