/**
 * The built-in mock LLM engine: an OpenAI-compatible Vert.x server modelled on Dynamo's mocker, with ground truth.
 * <p>
 * Simplifications against Dynamo's mocker ({@code lib/mocker}): only the default polynomial timing model (no
 * interpolated or AIC model); aggregated serving only (no disaggregation, KV transfer delay, data parallelism or
 * multiple workers); vLLM-style scheduling only (no SGLang radix cache); LIFO preemption only; blocks filled by generated
 * tokens are not hashed; prefill time uses the sum of the chunks scheduled in the iteration; no KV events, no
 * ForwardPassMetrics, no reasoning wrapping; token texts are English words rather than random ids in [1000, 2000). The
 * mocker is a Dynamo backend behind {@code dynamo.frontend}; here the HTTP front end and the engine are one server.
 * <p>
 * {@code GET /metrics} serves vLLM V1's Prometheus families (running, waiting, KV usage, prefix-cache queries and hits,
 * token and success counters, TTFT/ITL/e2e histograms, {@code cache_config_info}) from the simulated state, as
 * {@link io.perfsweep.mock.VllmMetrics} describes, followed by the mock's own {@code perfsweep_mock_*} totals.
 * Nothing in this package may depend on another {@code io.perfsweep} package.
 */
package io.perfsweep.mock;
