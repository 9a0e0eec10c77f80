package io.perfsweep.server;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the figures {@link ServerFacts} needs out of a window's metrics and scrapes. */
final class FactReader {

    private final ServerMetricsWindow window;

    FactReader(ServerMetricsWindow window) {
        this.window = window;
    }

    private Optional<MetricSummary> firstPresent(List<String> names) {
        return names.stream().map(window.metrics()::get).filter(m -> m != null).findFirst();
    }

    /** The server by the prefix of its metric names, checked in the order vLLM, SGLang, TensorRT-LLM, Dynamo. */
    String server() {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        byPrefix.put("vllm:", "vllm");
        byPrefix.put("sglang:", "sglang");
        byPrefix.put("trtllm", "trtllm");
        byPrefix.put("tensorrt_llm", "trtllm");
        byPrefix.put("dynamo_", "dynamo");
        for (Map.Entry<String, String> prefix : byPrefix.entrySet()) {
            if (window.metrics().keySet().stream().anyMatch(name -> name.startsWith(prefix.getKey()))) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** {avg, max} over the window's scrapes of the gauge summed over each endpoint's series, summed over endpoints. */
    double[] summedGauge(List<String> names) {
        Optional<MetricSummary> metric = firstPresent(names);
        if (metric.isEmpty()) {
            return null;
        }
        double avg = 0;
        double max = 0;
        for (String url : window.endpoints()) {
            double sum = 0;
            double endpointMax = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (Scrape scrape : window.scrapesInWindow(url)) {
                Optional<MetricFamily> family = scrape.metrics().family(metric.get().name());
                if (family.isPresent()) {
                    double total = family.get().samples().stream().mapToDouble(Sample::value).sum();
                    sum += total;
                    endpointMax = Math.max(endpointMax, total);
                    n++;
                }
            }
            if (n > 0) {
                avg += sum / n;
                max += endpointMax;
            }
        }
        return new double[] { avg, max };
    }

    /** {mean of series means, max of series maxima} of a 0–1 gauge. */
    double[] usage(List<String> names) {
        return firstPresent(names).map(metric -> {
            double avg = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (SeriesSummary series : metric.series()) {
                GaugeStats stats = (GaugeStats) series.stats();
                avg += stats.avg() / metric.series().size();
                max = Math.max(max, stats.max());
            }
            return new double[] { avg, max };
        }).orElse(null);
    }

    Double counterTotal(List<String> names) {
        return firstPresent(names).filter(m -> m.type() == MetricType.COUNTER)
                .map(m -> m.series().stream().mapToDouble(s -> ((CounterStats) s.stats()).total()).sum())
                .orElse(null);
    }

    Double histogramMeanMs(List<String> names) {
        return firstPresent(names).filter(m -> m.type() == MetricType.HISTOGRAM).map(m -> {
            double sum = 0;
            long count = 0;
            for (SeriesSummary series : m.series()) {
                HistogramStats stats = (HistogramStats) series.stats();
                if (!stats.isEmpty()) {
                    sum += stats.sum();
                    count += stats.count();
                }
            }
            return count == 0 ? null : sum / count * 1000;
        }).orElse(null);
    }

    Double prefixCacheHitRate(List<String> gaugeNames) {
        Double queries = counterTotal(List.of("vllm:prefix_cache_queries"));
        Double hits = counterTotal(List.of("vllm:prefix_cache_hits"));
        if (queries != null && hits != null) {
            return queries > 0 ? hits / queries : null;
        }
        double[] gauge = usage(gaugeNames);
        return gauge == null ? null : gauge[0];
    }

    Long maxKvTokens() {
        Long vllm = vllmCapacity();
        if (vllm != null) {
            return vllm;
        }
        Long sglang = perEndpointMaxSum("sglang:max_total_num_tokens");
        return sglang != null ? sglang : dynamoCapacity();
    }

    /** num_gpu_blocks × block_size per (endpoint, engine), the latest labels winning, summed. */
    private Long vllmCapacity() {
        MetricSummary info = window.metrics().get("vllm:cache_config_info");
        if (info == null) {
            return null;
        }
        Map<List<String>, Long> perEngine = new LinkedHashMap<>();
        for (SeriesSummary series : info.series()) {
            Long blocks = integer(series.labels().get("num_gpu_blocks"));
            Long blockSize = integer(series.labels().get("block_size"));
            if (blocks != null && blockSize != null) {
                String engine = series.labels().getOrDefault("engine", "");
                perEngine.put(List.of(series.endpointUrl(), engine), blocks * blockSize);
            }
        }
        return perEngine.isEmpty() ? null : perEngine.values().stream().mapToLong(Long::longValue).sum();
    }

    private Long perEndpointMaxSum(String name) {
        MetricSummary metric = window.metrics().get(name);
        if (metric == null) {
            return null;
        }
        Map<String, Double> perEndpoint = new HashMap<>();
        for (SeriesSummary series : metric.series()) {
            perEndpoint.merge(series.endpointUrl(), ((GaugeStats) series.stats()).max(), Math::max);
        }
        return Math.round(perEndpoint.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** total_kv_blocks × kv_cache_block_size of the series with the same endpoint and labels, summed. */
    private Long dynamoCapacity() {
        MetricSummary blocks = window.metrics().get("dynamo_frontend_model_total_kv_blocks");
        MetricSummary blockSize = window.metrics().get("dynamo_frontend_model_kv_cache_block_size");
        if (blocks == null || blockSize == null) {
            return null;
        }
        long tokens = 0;
        boolean found = false;
        for (SeriesSummary b : blocks.series()) {
            for (SeriesSummary s : blockSize.series()) {
                if (b.endpointUrl().equals(s.endpointUrl()) && b.labels().equals(s.labels())) {
                    tokens += Math.round(((GaugeStats) b.stats()).max() * ((GaugeStats) s.stats()).max());
                    found = true;
                }
            }
        }
        return found ? tokens : null;
    }

    private static Long integer(String label) {
        if (label == null) {
            return null;
        }
        try {
            return Long.parseLong(label.strip());
        } catch (NumberFormatException e) {
            return null; // e.g. num_gpu_blocks="None" before the engine has profiled its memory
        }
    }
}
