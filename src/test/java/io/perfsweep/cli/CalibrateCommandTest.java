package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code calibrate} against its in-process mock: a row per level, every stream in flight, errors against the truth. */
@QuarkusMainTest
@TestProfile(RunCommandTest.CliProfile.class)
class CalibrateCommandTest {

    @Test
    void reportsThroughputResourcesAndTimingErrorPerLevel(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("calibrate", "--concurrencies", "1,4", "--request-count", "12",
                "--isl", "32", "--osl", "20", "--ttft-ms", "10", "--itl-ms", "2");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<String[]> rows = result.getOutputStream().stream().map(String::trim)
                .filter(line -> line.matches("^\\d+\\s.*")).map(line -> line.split("\\s+")).toList();
        assertThat(rows).extracting(row -> row[0]).containsExactly("1", "4");
        for (String[] row : rows) {
            assertThat(row[1]).as("requests").isEqualTo("12");
            assertThat(row[2]).as("errors").isEqualTo("0");
            assertThat(row[3]).as("in flight").isEqualTo(row[0]);
            // The timing-error columns carry signed numbers once the mock's ground truth is matched.
            assertThat(Arrays.stream(row).filter(cell -> cell.matches("[+-]\\d+\\.\\d+"))).hasSizeGreaterThanOrEqualTo(3);
        }
    }
}
