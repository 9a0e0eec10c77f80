package io.perfsweep.server;

import static io.perfsweep.server.ServerMetricsWindowTest.S;
import static io.perfsweep.server.ServerMetricsWindowTest.URL;
import static io.perfsweep.server.ServerMetricsWindowTest.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerFactsTest {

    static String vllm(int running, int waiting, double usage, int queries, int hits, int preemptions, int prompt,
            int generation, int ttftCount, double ttftSum) {
        String l = "{engine=\"0\",model_name=\"m\"}";
        return "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running" + l + " " + running + "\n"
                + "# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting" + l + " " + waiting + "\n"
                + "# TYPE vllm:kv_cache_usage_perc gauge\nvllm:kv_cache_usage_perc" + l + " " + usage + "\n"
                + "# TYPE vllm:prefix_cache_queries_total counter\nvllm:prefix_cache_queries_total" + l + " " + queries
                + "\n# TYPE vllm:prefix_cache_hits_total counter\nvllm:prefix_cache_hits_total" + l + " " + hits + "\n"
                + "# TYPE vllm:num_preemptions_total counter\nvllm:num_preemptions_total" + l + " " + preemptions
                + "\n# TYPE vllm:prompt_tokens_total counter\nvllm:prompt_tokens_total" + l + " " + prompt + "\n"
                + "# TYPE vllm:generation_tokens_total counter\nvllm:generation_tokens_total" + l + " " + generation
                + "\n# TYPE vllm:time_to_first_token_seconds histogram\n"
                + "vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"0.1\",model_name=\"m\"} " + ttftCount
                + "\nvllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"+Inf\",model_name=\"m\"} " + ttftCount
                + "\nvllm:time_to_first_token_seconds_sum" + l + " " + ttftSum + "\n"
                + "vllm:time_to_first_token_seconds_count" + l + " " + ttftCount + "\n"
                + "# TYPE vllm:cache_config_info gauge\n"
                + "vllm:cache_config_info{block_size=\"16\",cache_dtype=\"auto\",engine=\"0\","
                + "gpu_memory_utilization=\"0.9\",num_gpu_blocks=\"71671\"} 1.0\n";
    }

    static List<Scrape> vllmScrapes() {
        return List.of(scrape(0, vllm(0, 0, 0.0, 1000, 100, 0, 500, 1000, 10, 0.5)),
                scrape(5, vllm(8, 2, 0.25, 3000, 900, 1, 2000, 5000, 20, 1.5)),
                scrape(10, vllm(6, 4, 0.35, 5000, 2100, 3, 4500, 9000, 30, 2.5)));
    }

    @Test
    void vllmFactsByHand() {
        ServerFacts facts = ServerFacts.of(ServerMetricsWindow.of(vllmScrapes(), S, 10 * S));

        assertThat(facts.server()).isEqualTo("vllm");
        assertThat(facts.requestsRunningAvg()).isEqualTo(7.0);
        assertThat(facts.requestsRunningMax()).isEqualTo(8.0);
        assertThat(facts.requestsWaitingAvg()).isEqualTo(3.0);
        assertThat(facts.requestsWaitingMax()).isEqualTo(4.0);
        assertThat(facts.kvCacheUsageAvg()).isCloseTo(0.3, within(1e-12));
        assertThat(facts.kvCacheUsageMax()).isEqualTo(0.35);
        assertThat(facts.maxKvTokens()).isEqualTo(71671L * 16).isEqualTo(1_146_736L);
        assertThat(facts.prefixCacheHitRate()).isCloseTo(2000.0 / 4000.0, within(1e-12));
        assertThat(facts.preemptions()).isEqualTo(3.0);
        assertThat(facts.promptTokens()).isEqualTo(4000.0);
        assertThat(facts.generationTokens()).isEqualTo(8000.0);
        assertThat(facts.serverTtftMeanMs()).isCloseTo(2.0 / 20 * 1000, within(1e-9));
        assertThat(facts.serverItlMeanMs()).isNull();
        assertThat(facts.toJson()).containsEntry("max_kv_tokens", 1_146_736L).containsEntry("server_e2e_mean_ms", null);
    }

    @Test
    void dataParallelEnginesAreSummed() {
        String text = "vllm:num_requests_running{engine=\"0\"} 3\nvllm:num_requests_running{engine=\"1\"} 5\n"
                + "vllm:cache_config_info{block_size=\"16\",engine=\"0\",num_gpu_blocks=\"1000\"} 1\n"
                + "vllm:cache_config_info{block_size=\"32\",engine=\"1\",num_gpu_blocks=\"500\"} 1\n";
        ServerFacts facts = ServerFacts.of(ServerMetricsWindow.of(List.of(scrape(1, text)), 0, 2 * S));

        assertThat(facts.requestsRunningAvg()).isEqualTo(8.0);
        assertThat(facts.requestsRunningMax()).isEqualTo(8.0);
        assertThat(facts.maxKvTokens()).isEqualTo(16_000L + 16_000L);
    }

    @Test
    void sglangFactsByHand() {
        String before = sglang(0, 0, 0.1, 0.2, 100, 200, 0, 0);
        String after = sglang(5, 1, 0.5, 0.4, 700, 1200, 4, 8.0);
        ServerFacts facts = ServerFacts.of(ServerMetricsWindow.of(List.of(scrape(0, before), scrape(10, after)),
                5 * S, 10 * S));

        assertThat(facts.server()).isEqualTo("sglang");
        assertThat(facts.requestsRunningAvg()).isEqualTo(5.0);
        assertThat(facts.requestsWaitingMax()).isEqualTo(1.0);
        assertThat(facts.kvCacheUsageAvg()).isEqualTo(0.5);
        assertThat(facts.maxKvTokens()).isEqualTo(200_000L);
        assertThat(facts.prefixCacheHitRate()).isEqualTo(0.4);
        assertThat(facts.promptTokens()).isEqualTo(600.0);
        assertThat(facts.generationTokens()).isEqualTo(1000.0);
        assertThat(facts.serverE2eMeanMs()).isCloseTo(2000.0, within(1e-9));
        assertThat(facts.preemptions()).isNull();
        assertThat(facts.serverTtftMeanMs()).isNull();
    }

    static String sglang(int running, int queued, double usage, double hitRate, int prompt, int generation,
            int e2eCount, double e2eSum) {
        String l = "{model_name=\"m\",tp_rank=\"0\"}";
        return "# TYPE sglang:num_running_reqs gauge\nsglang:num_running_reqs" + l + " " + running + "\n"
                + "# TYPE sglang:num_queue_reqs gauge\nsglang:num_queue_reqs" + l + " " + queued + "\n"
                + "# TYPE sglang:token_usage gauge\nsglang:token_usage" + l + " " + usage + "\n"
                + "# TYPE sglang:max_total_num_tokens gauge\nsglang:max_total_num_tokens" + l + " 200000\n"
                + "# TYPE sglang:cache_hit_rate gauge\nsglang:cache_hit_rate" + l + " " + hitRate + "\n"
                + "# TYPE sglang:prompt_tokens_total counter\nsglang:prompt_tokens_total" + l + " " + prompt + "\n"
                + "# TYPE sglang:generation_tokens_total counter\nsglang:generation_tokens_total" + l + " "
                + generation + "\n# TYPE sglang:e2e_request_latency_seconds histogram\n"
                + "sglang:e2e_request_latency_seconds_bucket{le=\"+Inf\",model_name=\"m\",tp_rank=\"0\"} " + e2eCount
                + "\nsglang:e2e_request_latency_seconds_sum" + l + " " + e2eSum + "\n"
                + "sglang:e2e_request_latency_seconds_count" + l + " " + e2eCount + "\n";
    }

    @Test
    void dynamoCapacityIsBlocksTimesBlockSize() {
        String text = "dynamo_frontend_model_total_kv_blocks{model=\"m\"} 4096\n"
                + "dynamo_frontend_model_kv_cache_block_size{model=\"m\"} 64\n"
                + "dynamo_frontend_inflight_requests{model=\"m\"} 12\n";
        ServerFacts facts = ServerFacts.of(ServerMetricsWindow.of(List.of(scrape(1, text)), 0, 2 * S));

        assertThat(facts.server()).isEqualTo("dynamo");
        assertThat(facts.maxKvTokens()).isEqualTo(4096L * 64);
        assertThat(facts.requestsRunningMax()).isEqualTo(12.0);
    }

    @Test
    void anUnknownServerTellsNothing() {
        ServerFacts facts = ServerFacts.of(ServerMetricsWindow.of(List.of(scrape(URL, 1, 1, "up 1\n")), 0, 2 * S));

        assertThat(facts.toJson()).hasSize(15).allSatisfy((k, v) -> assertThat(v).isNull());
    }
}
