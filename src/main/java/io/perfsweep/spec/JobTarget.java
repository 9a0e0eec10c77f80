package io.perfsweep.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server a job measures.
 *
 * @param url {@code http(s)://host[:port][/prefix]} or a bare {@code host:port}; required. Credentials in the URL
 *        are refused: use {@link #headers} with a secret reference
 * @param model model name sent with every request and used to find the tokenizer (default {@code Qwen/Qwen3-0.6B})
 * @param endpoint {@code chat} ({@code /v1/chat/completions}, default) or {@code completions} ({@code /v1/completions})
 * @param headers extra request headers by name, each given by secret reference only (the spec is stored and
 *        published, so it never carries a secret value); empty by default
 * @param deployment the deployment shape, which gives the GPU count (default aggregated, TP 1, DP 1)
 * @param additionalUrls more router URLs for a {@code prefix} workload, which spreads its requests over {@code url}
 *        and these as the router script spreads them over several {@code --url}; empty by default. {@code url}
 *        alone names the job's target (its lane, lock and labels)
 * @param serverMetrics whether the target's own Prometheus metrics are scraped while each point runs (default
 *        {@code true}: {@code host:port/metrics} of {@code url}, as AIPerf does, plus {@link #metricsUrls})
 * @param metricsUrls more Prometheus endpoints to scrape (Dynamo workers' system ports, a DCGM exporter), each
 *        {@code http(s)://host:port[/path]} or {@code host:port} (then {@code /metrics}); empty by default
 */
public record JobTarget(String url, String model, Endpoint endpoint, Map<String, SecretRef> headers,
        JobDeployment deployment, List<String> additionalUrls, boolean serverMetrics, List<String> metricsUrls) {

    /** Which OpenAI-compatible endpoint a job calls; JSON spells it in lower case. */
    public enum Endpoint {
        /** {@code /v1/chat/completions}. */
        CHAT,
        /** {@code /v1/completions}. */
        COMPLETIONS
    }

    /** Dynamo's default model ({@code benchmarks/utils/benchmark.py}). */
    public static final String DEFAULT_MODEL = "Qwen/Qwen3-0.6B";

    public JobTarget {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        additionalUrls = additionalUrls == null ? List.of() : List.copyOf(additionalUrls);
        metricsUrls = metricsUrls == null ? List.of() : List.copyOf(metricsUrls);
    }

    /** A target whose server metrics are scraped at its own {@code /metrics} only. */
    public JobTarget(String url, String model, Endpoint endpoint, Map<String, SecretRef> headers,
            JobDeployment deployment, List<String> additionalUrls) {
        this(url, model, endpoint, headers, deployment, additionalUrls, true, List.of());
    }

    /** A target with one URL. */
    public JobTarget(String url, String model, Endpoint endpoint, Map<String, SecretRef> headers,
            JobDeployment deployment) {
        this(url, model, endpoint, headers, deployment, List.of());
    }

    /** {@code url} followed by {@link #additionalUrls}. */
    public List<String> urls() {
        var urls = new ArrayList<String>();
        urls.add(url);
        urls.addAll(additionalUrls);
        return List.copyOf(urls);
    }
}
