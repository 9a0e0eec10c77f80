package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import picocli.CommandLine;

/** {@code calibrate} against its in-process mock: a row per level, every stream in flight, errors against the truth. */
@QuarkusTest
@TestProfile(CliProfile.class)
class CalibrateCommandTest {

    @Inject
    CommandLine.IFactory factory;

    @Test
    void reportsThroughputResourcesAndTimingErrorPerLevel() {
        CommandRun result = CommandRun.inApp(factory, "calibrate", "--concurrencies", "1,4", "--request-count", "12",
                "--isl", "32", "--osl", "20", "--ttft-ms", "10", "--itl-ms", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String[]> rows = result.outLines().stream().map(String::trim)
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
