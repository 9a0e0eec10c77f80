package io.perfsweep.verdict;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints docs/compare.md's power table: how often the gate calls a point regressed, by TTFT spread, requests per
 * point and TTFT rise, over 200 seeded comparisons each (one point, 9 intervals). Minutes of CPU, so only on demand:
 * {@code ./mvnw -B -q test -Dtest=PowerTable -Dperfsweep.power=true -Dno-format}.
 */
@EnabledIfSystemProperty(named = "perfsweep.power", matches = "true")
class PowerTable {

    private static final int COMPARISONS = 200;

    @Test
    void print() {
        double[] rises = { 0, 0.05, 0.10, 0.20, 0.50 };
        StringBuilder table = new StringBuilder("| TTFT σ (CV) | requests | 0 % | +5 % | +10 % | +20 % | +50 % |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (double sigma : new double[] { 0.1, 0.25, 0.5 }) {
            for (int requests : new int[] { 100, 300, 1000, 3000 }) {
                table.append(String.format(Locale.ROOT, "| %.2f (%.0f %%) | %d |", sigma,
                        Math.sqrt(Math.exp(sigma * sigma) - 1) * 100, requests));
                for (double rise : rises) {
                    table.append(String.format(Locale.ROOT, " %.0f %% |", regressedPercent(sigma, requests, rise)));
                }
                table.append('\n');
                System.out.print(table);
                table.setLength(0);
            }
        }
    }

    private static double regressedPercent(double sigma, int requests, double rise) {
        SplittableRandom rng = new SplittableRandom(21);
        int regressed = 0;
        for (int i = 0; i < COMPARISONS; i++) {
            PointSamples baseline = Samples.point(rng, requests, 1, sigma);
            PointSamples candidate = Samples.point(rng, requests, 1 + rise, sigma);
            Comparison comparison = RegressionGate.compare(java.util.List.of(baseline), java.util.List.of(candidate),
                    new GateSettings(5, 0.95, 2000, i, 30));
            regressed += comparison.verdict() == Verdict.REGRESSED ? 1 : 0;
        }
        return 100.0 * regressed / COMPARISONS;
    }
}
