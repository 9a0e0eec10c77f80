package io.perfsweep.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InactiveBeanException;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What a CLI command gets: {@code quarkus.datasource.active=false} and no database anywhere. Flyway skips its
 * migration, Hibernate ORM stays inactive (tied to the datasource switch in application.properties), the app boots.
 */
@QuarkusTest
@TestProfile(DatasourceInactiveTest.NoDatabase.class)
class DatasourceInactiveTest {

    /**
     * What {@code main} sets for a CLI command: the datasource is off (and points at a port nothing listens on) and
     * the service (NATS intake) is off; no global test resource (PostgreSQL, NATS) starts.
     */
    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.active", "false",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "perfsweep.service.enabled", "false");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    PointStore store;

    @Inject
    JobRepository jobs;

    @Inject
    InjectableInstance<AgroalDataSource> dataSource;

    @Test
    void appBootsAndIsLiveAndReadyWithoutADatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // The datasource health check skips an inactive datasource instead of reporting it DOWN.
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Beans are created lazily: injecting them is free, the first database call says why it cannot run. */
    @Test
    void storeBeansInjectButFailOnFirstUse() {
        assertThat(dataSource.listActive()).isEmpty();
        assertThatThrownBy(() -> store.points("any")).isInstanceOf(InactiveBeanException.class)
                .hasMessageContaining("Persistence unit '<default>' was deactivated");
        assertThatThrownBy(() -> jobs.count()).isInstanceOf(InactiveBeanException.class);
    }
}
