package io.perfsweep.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.perfsweep.spec.JobSpecSchema;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /api/schema} serves the schema {@code perfsweep schema} prints: a GET, so without an API key. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class SchemaResourceTest {

    @Test
    void servesTheJobSpecSchemaAsSchemaJson() {
        var response = given().accept("application/schema+json, application/json")
                .get("/api/schema").then().statusCode(200).extract();

        assertThat(response.contentType()).startsWith("application/schema+json");
        assertThat(response.body().asString()).isEqualTo(JobSpecSchema.text())
                .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }
}
