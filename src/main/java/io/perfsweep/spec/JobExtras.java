package io.perfsweep.spec;

/**
 * Request fields that make servers honour the output length; defaults are Dynamo's {@code benchmarks/utils/aiperf.py}.
 *
 * @param minTokens send {@code min_tokens} equal to {@code max_tokens} (default true)
 * @param ignoreEos send {@code ignore_eos: true} (default true)
 * @param nvextIgnoreEos send {@code nvext: {ignore_eos: true}}, for Dynamo frontends (default false)
 */
public record JobExtras(boolean minTokens, boolean ignoreEos, boolean nvextIgnoreEos) {

    /** {@code min_tokens} and {@code ignore_eos} on, {@code nvext} off. */
    public static final JobExtras DEFAULT = new JobExtras(true, true, false);
}
