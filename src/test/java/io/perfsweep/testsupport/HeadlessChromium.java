package io.perfsweep.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, to look at a page as a person would: a screenshot and the DOM after rendering. Skipped
 * when {@code chromium} is not on PATH, except in CI ({@code CI} set), where .ci/test installs it and its absence is a
 * failure. Every run has a fresh profile directory, no network of its own (background networking, sync and component
 * updates off) and is killed, with its child processes, when it overruns {@link #TIMEOUT_SECONDS}.
 */
public final class HeadlessChromium {

    /** Longest one Chromium run may take; on a loaded 2-core machine a page renders in a few seconds. */
    public static final int TIMEOUT_SECONDS = 90;

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Chromium on PATH, with profiles under {@code workDir}; skips or fails the test when it is missing. */
    public static HeadlessChromium require(Path workDir) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return new HeadlessChromium(candidate, Files.createDirectories(workDir));
            }
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail("chromium is not on PATH but CI is set: .ci/test installs Debian's chromium package for this test");
        }
        Assumptions.abort("chromium is not on PATH (apt-get install -y chromium); skipped outside CI");
        throw new IllegalStateException("unreachable");
    }

    /** Renders {@code url} in a {@code width × height} window and writes what it shows to {@code png}. */
    public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url);
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot of " + url);
        }
    }

    /** The DOM of {@code url} after the page rendered, serialized. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return run("--dump-dom", url);
    }

    private String run(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "profile-");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        Path log = workDir.resolve(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            fail("chromium exited " + process.exitValue() + ": " + Files.readString(log));
        }
        return stdout.join();
    }
}
