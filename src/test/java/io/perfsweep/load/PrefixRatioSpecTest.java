package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PrefixRatioSpecTest {

    private static PrefixRatioSpec spec(int requests, int concurrency, String... urls) {
        return new PrefixRatioSpec(List.of(0.1, 0.5), 1000, 20, requests, concurrency, 4, 3, List.of(urls));
    }

    @Test
    void theSeedGrowsByOnePerRatioAndNamesTheScriptsDirectories() {
        var one = spec(10, 2, "http://a:8000");

        assertThat(one.seed(0)).isEqualTo(3);
        assertThat(one.seed(1)).isEqualTo(4);
        assertThat(one.label(0)).isEqualTo("prefix_ratio_0.1_seed_3");
        assertThat(one.label(1, 0)).isEqualTo("prefix_ratio_0.5_seed_4");
        assertThat(spec(10, 2, "http://a:8000", "http://b:8000").label(1, 1)).isEqualTo("prefix_ratio_0.5_seed_4_url_1");
    }

    @Test
    void severalUrlsSplitRequestsAndConcurrencyAsTheScriptDoes() {
        // 200 // 3 = 66, remainder 2 to the first two URLs; concurrency max(1, 20 // 3) = 6 each
        assertThat(spec(200, 20, "http://a:1", "http://b:1", "http://c:1").shares()).containsExactly(
                new PrefixRatioSpec.UrlShare("http://a:1", 67, 6), new PrefixRatioSpec.UrlShare("http://b:1", 67, 6),
                new PrefixRatioSpec.UrlShare("http://c:1", 66, 6));
        // a concurrency below the URL count still sends one at a time to each
        assertThat(spec(5, 1, "http://a:1", "http://b:1").shares()).extracting(PrefixRatioSpec.UrlShare::concurrency)
                .containsExactly(1, 1);
        // one URL takes everything
        assertThat(spec(200, 20, "http://a:1").shares()).containsExactly(new PrefixRatioSpec.UrlShare("http://a:1", 200, 20));
    }

    @Test
    void oneClosedLoopPointPerRatio() {
        var plan = spec(10, 2, "http://a:1").plan();

        assertThat(plan.points()).containsExactly(new LoadPoint(2, 10, 0), new LoadPoint(2, 10, 0));
    }

    @Test
    void refusesRatiosOutsideZeroToOneAndFewerRequestsThanUrls() {
        assertThatThrownBy(() -> new PrefixRatioSpec(List.of(1.5), 10, 1, 1, 1, 1, 0, List.of("http://a:1")))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> spec(1, 1, "http://a:1", "http://b:1")).hasMessageContaining("number of URLs");
    }

    @Test
    void theDefaultsAreTheScripts() {
        assertThat(PrefixRatioSpec.DEFAULT_RATIOS).containsExactly(0.1, 0.3, 0.5, 0.7, 0.9);
        assertThat(List.of(PrefixRatioSpec.DEFAULT_ISL, PrefixRatioSpec.DEFAULT_OSL, PrefixRatioSpec.DEFAULT_REQUESTS,
                PrefixRatioSpec.DEFAULT_CONCURRENCY, PrefixRatioSpec.DEFAULT_PREFIX_PROMPTS))
                .containsExactly(14000, 200, 200, 20, 20);
        assertThat(PrefixRatioSpec.DEFAULT_SEED).isZero();
        assertThat(PrefixRatioSpec.DEFAULT_MODEL).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
    }
}
