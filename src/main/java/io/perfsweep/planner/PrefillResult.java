package io.perfsweep.planner;

/**
 * What one prefill point measured (AIPerf's {@code profile_export_aiperf.json} figures of its measured run).
 *
 * @param isl the point's input length, tokens
 * @param osl the point's output length, tokens
 * @param ttftAvgMs {@code time_to_first_token.avg}, ms
 * @param ttftMaxMs {@code time_to_first_token.max}, ms; used with attention DP
 * @param itlAvgMs {@code inter_token_latency.avg}, ms; used with attention DP
 */
public record PrefillResult(int isl, int osl, double ttftAvgMs, double ttftMaxMs, double itlAvgMs) {

    /** A point measured without attention DP, where only the mean TTFT counts. */
    public static PrefillResult of(int isl, int osl, double ttftAvgMs) {
        return new PrefillResult(isl, osl, ttftAvgMs, ttftAvgMs, 0);
    }
}
