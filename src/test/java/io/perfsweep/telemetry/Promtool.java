package io.perfsweep.telemetry;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus's {@code promtool} (Debian package {@code prometheus}). Skipped when it is not on PATH, except in CI
 * ({@code CI} set), where .ci/test installs it and its absence is a failure, never a silent skip.
 */
final class Promtool {

    /** What promtool printed and how it exited. */
    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** The path of {@code name} (promtool, prometheus) on PATH; skips or fails the test when missing. */
    static Path require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail(name + " is not on PATH but CI is set: .ci/test installs Debian's prometheus package for this test");
        }
        Assumptions.abort(name + " is not on PATH (apt-get install -y prometheus); skipped outside CI");
        throw new IllegalStateException("unreachable");
    }

    /** Runs promtool with {@code args}, feeding {@code stdin} when not null. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(require("promtool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            process.getOutputStream().close();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
