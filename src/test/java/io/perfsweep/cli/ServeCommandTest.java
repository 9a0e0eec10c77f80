package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code serve} with arguments goes through the CLI like every other command; {@code serve} alone is the service. */
@QuarkusMainTest
@TestProfile(RunCommandTest.CliProfile.class)
class ServeCommandTest {

    /** The old behaviour: main treated any 'serve ...' as the service, which ignored --help and waited for ever. */
    @Test
    @Timeout(240)
    void serveHelpPrintsHelpInsteadOfStartingTheService(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--help");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("Usage: perfsweep serve", "Run the service");
    }
}
