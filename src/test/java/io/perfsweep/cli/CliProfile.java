package io.perfsweep.cli;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application as a CLI command sees it: what {@code PerfsweepMain.main} sets before a command runs (no job intake,
 * no HTTP listener, no database), for the tests that run commands inside one started application
 * ({@link CommandRun#inApp}). One profile for all of them, so the application is built and started once.
 */
public class CliProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("perfsweep.service.enabled", "false", "quarkus.datasource.active", "false",
                "quarkus.http.host-enabled", "false");
    }
}
