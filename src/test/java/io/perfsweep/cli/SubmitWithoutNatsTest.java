package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code submit} with nothing listening at the NATS URL: one line naming the server and the cause, exit code 1. */
@QuarkusMainTest
@TestProfile(SubmitWithoutNatsTest.NoNatsProfile.class)
class SubmitWithoutNatsTest {

    /** The CLI with a NATS URL whose port was free a moment ago: connecting is refused. */
    public static class NoNatsProfile implements QuarkusTestProfile {
        static final int PORT = freePort();

        /** The suite's NATS server is a global test resource: it would set its own URL over this one. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("perfsweep.service.enabled", "false", "perfsweep.nats.url", "nats://127.0.0.1:" + PORT);
        }

        private static int freePort() {
            try (var socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void natsDownIsOneLineNamingTheServerAndExitCode1(QuarkusMainLauncher launcher) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "submit-without-nats-test"));
        Path job = Files.writeString(dir.resolve("job.json"), """
                {"apiVersion": "perfsweep/v1", "id": "no-nats", "name": "no-nats",
                 "target": {"url": "http://127.0.0.1:9", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [1], "requestCount": 4}}
                """);

        LaunchResult result = launcher.launch("submit", job.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(1);
        List<String> lines = result.getErrorStream().stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(result.getErrorOutput()).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("perfsweep submit: cannot use NATS JetStream at nats://127.0.0.1:" + NoNatsProfile.PORT)
                .contains("Connection refused").doesNotContain("Exception");
    }
}
