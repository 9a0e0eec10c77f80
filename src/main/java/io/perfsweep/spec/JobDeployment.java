package io.perfsweep.spec;

/**
 * The shape of the deployment under test, as Dynamo's {@code perf.sh} records it: it gives the GPU count that
 * per-GPU throughput (Pareto plots, {@code plot_pareto.py}) divides by. In JSON, {@code mode} selects the shape.
 */
public sealed interface JobDeployment {

    /** Default: one aggregated worker with TP 1 and DP 1. */
    JobDeployment DEFAULT = new Aggregated(1, 1);

    /** GPUs the deployment uses. */
    int gpuCount();

    /** Short label for directories and comparisons, e.g. {@code agg-tp1-dp1} or {@code disagg-p1x1-d2x1}. */
    String label();

    /**
     * Prefill and decode on the same workers ({@code "mode": "aggregated"}).
     *
     * @param tp tensor parallelism of each worker (default 1)
     * @param dp data parallelism: number of workers (default 1)
     */
    record Aggregated(int tp, int dp) implements JobDeployment {
        @Override
        public int gpuCount() {
            return tp * dp;
        }

        @Override
        public String label() {
            return "agg-tp" + tp + "-dp" + dp;
        }
    }

    /**
     * Separate prefill and decode workers ({@code "mode": "disaggregated"}).
     *
     * @param prefillTp tensor parallelism of each prefill worker (default 1)
     * @param prefillDp number of prefill workers (default 1)
     * @param decodeTp tensor parallelism of each decode worker (default 1)
     * @param decodeDp number of decode workers (default 1)
     */
    record Disaggregated(int prefillTp, int prefillDp, int decodeTp, int decodeDp) implements JobDeployment {
        @Override
        public int gpuCount() {
            return prefillTp * prefillDp + decodeTp * decodeDp;
        }

        @Override
        public String label() {
            return "disagg-p" + prefillTp + "x" + prefillDp + "-d" + decodeTp + "x" + decodeDp;
        }
    }
}
