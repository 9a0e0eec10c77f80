package io.perfsweep.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import io.perfsweep.datagen.TraceReader;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The datagen endpoints over real HTTP, on the hand-made traces of the datagen tests whose answers were computed by
 * hand (see {@code TraceAnalyzerTest}).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class DatagenResourceTest {

    /**
     * {@code TraceAnalyzerTest.HAND_MADE} as JSONL, block size 4: ids [0,1] [0,1,2] [3,4] [0,5] [] [3,4], ISL 8 10 5 7
     * 0 6, OSL 2 4 … 12, timestamps 0 0 1000 2000 3000 4000.
     */
    private static final String HAND_MADE = """
            {"timestamp": 0, "input_length": 8, "output_length": 2, "hash_ids": [0, 1]}
            {"timestamp": 0, "input_length": 10, "output_length": 4, "hash_ids": [0, 1, 2]}
            {"timestamp": 1000, "input_length": 5, "output_length": 6, "hash_ids": [3, 4]}
            {"timestamp": 2000, "input_length": 7, "output_length": 8, "hash_ids": [0, 5]}
            {"timestamp": 3000, "input_length": 0, "output_length": 10, "hash_ids": []}
            {"timestamp": 4000, "input_length": 6, "output_length": 12, "hash_ids": [3, 4]}
            """;

    /** The table computed by hand in {@code TraceAnalyzerTest}. */
    private static final String HAND_MADE_TABLE = """
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            |                       |        Mean        |      Std Dev       | Min | P25  | Median |        P75         | Max  |
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            |     Input Length      |        6.0         | 3.1091263510296048 | 0.0 | 5.25 |  6.5   |        7.75        | 10.0 |
            |    Context Length     | 5.166666666666667  | 2.733536577809454  | 0.0 | 4.25 |  5.5   |        7.5         | 8.0  |
            | Unique Prompt Length  | 0.8333333333333334 | 1.2133516482134197 | 0.0 | 0.0  |  0.0   |        1.5         | 3.0  |
            |     Output Length     |        7.0         | 3.415650255319866  | 2.0 | 4.5  |  7.0   |        9.5         | 12.0 |
            | Theoretical Hit Rates | 0.4333333333333333 |  0.38873012632302  | 0.0 | 0.0  |  0.5   | 0.6666666666666666 | 1.0  |
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            """;

    private static RequestSpecification withKey() {
        return given().header("X-API-Key", "test-api-key");
    }

    @Test
    void analyzeGivesTheHandComputedStatisticsAsJson() {
        withKey().body(HAND_MADE).accept("application/json").post("/api/datagen/analyze?blockSize=4").then()
                .statusCode(200).body("blockSize", equalTo(4)).body("rowCount", equalTo(6))
                .body("distinctHashIds", equalTo(6))
                .body("statistics.'Input Length'.mean", equalTo(6.0f))
                .body("statistics.'Input Length'.p25", equalTo(5.25f))
                .body("statistics.'Context Length'.p75", equalTo(7.5f))
                .body("statistics.'Unique Prompt Length'.p75", equalTo(1.5f))
                .body("statistics.'Output Length'.median", equalTo(7.0f))
                .body("statistics.'Theoretical Hit Rates'.count", equalTo(5))
                .body("statistics.'Theoretical Hit Rates'.median", equalTo(0.5f))
                .body("durationMillis", equalTo(4000)).body("meanRequestsPerSecond", equalTo(1.5f))
                .body("blockRuleViolations", hasSize(0));
    }

    @Test
    void analyzeAsTextIsTheSeedsExactTable() {
        String table = withKey().body(HAND_MADE).accept("text/plain").post("/api/datagen/analyze?blockSize=4").then()
                .statusCode(200).extract().asString();

        assertThat(table).isEqualTo(HAND_MADE_TABLE);
    }

    @Test
    void rowsBreakingTheBlockRuleAreListedWithTheirLineAndStillAnalysed() {
        // Line 3 claims 9 tokens in 2 blocks of 4 (needs 3).
        withKey().body("""
                {"timestamp": 0, "input_length": 8, "output_length": 10, "hash_ids": [0, 1]}
                {"timestamp": 5, "input_length": 10, "output_length": 20, "hash_ids": [0, 1, 2]}
                {"timestamp": 9, "input_length": 9, "output_length": 30, "hash_ids": [3, 4]}
                """).post("/api/datagen/analyze?blockSize=4").then().statusCode(200).body("rowCount", equalTo(3))
                .body("blockRuleViolations[0].line", equalTo(3))
                .body("statistics.'Output Length'.max", equalTo(30.0f))
                .body("statistics.'Theoretical Hit Rates'.max", equalTo(0.6666667f)); // [0, 1] seen: 2 of [0, 1, 2]
    }

    @Test
    void aBadLineIsA400NamingTheLine() {
        withKey().body(HAND_MADE + "{\"input_length\": \"many\", \"output_length\": 1}\n")
                .post("/api/datagen/analyze?blockSize=4").then().statusCode(400).body("type", equalTo("invalid_input"))
                .body("message", containsString("line 7")).body("message", containsString("input_length"));
        withKey().body("not json\n").post("/api/datagen/synthesize").then().statusCode(400)
                .body("message", containsString("line 1"));
        withKey().body("{\"text\": \"no prompt field\"}\n").post("/api/datagen/hash-prompts").then().statusCode(400)
                .body("message", equalTo("line 1: needs a string field \"prompt\""));
        withKey().body(HAND_MADE).post("/api/datagen/analyze?blockSize=0").then().statusCode(400)
                .body("message", containsString("blockSize"));
        withKey().body("").post("/api/datagen/analyze").then().statusCode(400).body("message",
                containsString("no rows"));
    }

    @Test
    void aBodyAboveTheCeilingIsRefusedWith413() {
        // application.properties (test profile) sets the ceiling to 64 KiB.
        String big = HAND_MADE.repeat(200);
        assertThat(big.length()).isGreaterThan(65_536);

        withKey().body(big).post("/api/datagen/analyze?blockSize=4").then().statusCode(413)
                .body("type", equalTo("payload_too_large"))
                .body("message", containsString("perfsweep.api.datagen-max-body-bytes"));
    }

    @Test
    void theEndpointsNeedTheApiKey() {
        given().body(HAND_MADE).post("/api/datagen/analyze?blockSize=4").then().statusCode(401)
                .body("type", equalTo("unauthorized"));
        given().body(HAND_MADE).post("/api/datagen/synthesize?blockSize=4").then().statusCode(401);
        given().body("{\"prompt\": \"hi\"}").post("/api/datagen/hash-prompts").then().statusCode(401);
    }

    @Test
    void synthesizeIsReproducibleForASeedAndReadsBackAsATrace() throws IOException {
        var rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append("{\"timestamp\": ").append(i * 10).append(", \"input_length\": 10, \"output_length\": ")
                    .append(5 + i % 7).append(", \"hash_ids\": [0, 1, ").append(100 + i).append("]}\n");
        }
        String path = "/api/datagen/synthesize?blockSize=4&numRequests=50&seed=3&speedupRatio=2";

        String first = withKey().body(rows.toString()).post(path).then().statusCode(200)
                .contentType(DatagenResource.JSONL).extract().asString();
        String second = withKey().body(rows.toString()).post(path).then().statusCode(200).extract().asString();

        assertThat(first).isEqualTo(second);
        var trace = TraceReader.read(new BufferedReader(new StringReader(first)), 4);
        assertThat(trace.rows()).hasSize(50);
        assertThat(trace.violations()).isEmpty();
        // Every synthesized request starts with the shared prefix [0, 1] of the input (renumbered to consecutive ids).
        assertThat(trace.rows()).allSatisfy(row -> assertThat(row.hashIds().subList(0, 2)).containsExactly(0L, 1L));
        withKey().body(rows.toString()).post("/api/datagen/synthesize?numRequests=100001").then().statusCode(400)
                .body("message", containsString("maximum"));
    }

    @Test
    void hashPromptsGivesSharedPrefixesTheSameLeadingIdsAndRefusesPaths() throws IOException {
        String shared = "The quick brown fox jumps over the lazy dog. ".repeat(8);
        String prompts = "{\"prompt\": \"" + shared + "Summarize it.\"}\n" + "{\"prompt\": \"" + shared
                + "Translate it to French please.\", \"output_length\": 7}\n";

        String trace = withKey().body(prompts).post("/api/datagen/hash-prompts?blockSize=16").then().statusCode(200)
                .extract().asString();

        var rows = TraceReader.read(new BufferedReader(new StringReader(trace)), 16).rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).hashIds().subList(0, 4)).isEqualTo(rows.get(1).hashIds().subList(0, 4));
        assertThat(rows.get(0).outputLengthTokens()).isEqualTo(256);
        assertThat(rows.get(1).outputLengthTokens()).isEqualTo(7);
        withKey().body(prompts).post("/api/datagen/hash-prompts?tokenizer=/etc/passwd").then().statusCode(400)
                .body("message", containsString("not a path")).body("violations", hasSize(0))
                .body("code", equalTo(400)).body("type", equalTo("invalid_input"));
    }
}
