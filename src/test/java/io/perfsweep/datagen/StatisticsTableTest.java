package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatisticsTableTest {

    /** The table of the seed (Dynamo benchmarks/README.md, mooncake_trace.jsonl, block 512), verbatim. */
    private static final String SEED_TABLE = """
            +-----------------------+--------------------+--------------------+-------+--------+--------+--------------------+----------+
            |                       |        Mean        |      Std Dev       |  Min  |  P25   | Median |        P75         |   Max    |
            +-----------------------+--------------------+--------------------+-------+--------+--------+--------------------+----------+
            |     Input Length      | 8589.956836665537  | 10994.026625418108 | 890.0 | 3227.0 | 6345.0 |       7470.0       | 125546.0 |
            |    Context Length     | 5755.485936970518  | 8101.296710263215  | 512.0 | 2048.0 | 6144.0 |       6144.0       | 122368.0 |
            | Unique Prompt Length  | 2834.4708996950185 | 8561.283290412863  |  0.0  | 266.0  | 560.0  |       1103.0       | 125034.0 |
            |     Output Length     | 182.1338952897323  | 242.27604216357528 |  1.0  |  13.0  |  30.0  |       356.0        |  2000.0  |
            | Theoretical Hit Rates | 0.6297856206978413 | 0.3256570779031306 |  0.0  |  0.36  |  0.75  | 0.9230769230769231 |   1.0    |
            +-----------------------+--------------------+--------------------+-------+--------+--------+--------------------+----------+
            """;

    @Test
    void rendersTheSeedTableVerbatim() {
        Map<String, SummaryStatistics> rows = new LinkedHashMap<>();
        rows.put("Input Length", new SummaryStatistics(23608, 8589.956836665537, 10994.026625418108, 890, 3227, 6345,
                7470, 125546, true));
        rows.put("Context Length", new SummaryStatistics(23608, 5755.485936970518, 8101.296710263215, 512, 2048, 6144,
                6144, 122368, true));
        rows.put("Unique Prompt Length", new SummaryStatistics(23608, 2834.4708996950185, 8561.283290412863, 0, 266,
                560, 1103, 125034, true));
        rows.put("Output Length", new SummaryStatistics(23608, 182.1338952897323, 242.27604216357528, 1, 13, 30, 356,
                2000, true));
        rows.put("Theoretical Hit Rates", new SummaryStatistics(23608, 0.6297856206978413, 0.3256570779031306, 0, 0.36,
                0.75, 0.9230769230769231, 1, false));

        assertThat(StatisticsTable.render(rows)).isEqualTo(SEED_TABLE);
    }

    @Test
    void integerOnlyTablesPrintMinAndMaxAsIntegersLikePandasInt64Columns() {
        Map<String, SummaryStatistics> rows = Map.of("Output Length", SummaryStatistics.ofIntegers(List.of(1, 2, 4)));

        assertThat(StatisticsTable.render(rows)).contains("|  1  |").contains("|  4  |")
                .contains("| 2.3333333333333335 |");
    }

    /** Expected values printed by numpy 2.4.6 for the same formula-generated data (see the test body). */
    @ParameterizedTest
    @CsvSource({
            "7,     5173.571428571428, 3248.590941014398,  1.0, 2700.0, 5832.0, 7703.5,  9575.0",
            "100,   5020.81,           2891.5156291986386, 1.0, 2596.5, 5067.0, 7518.25, 9931.0",
            "1001,  5006.518481518481, 2889.044360440231,  1.0, 2502.0, 5004.0, 7506.0,  9998.0",
            "24000, 5004.701,          2888.807834242758,  1.0, 2502.0, 5004.5, 7506.0,  10007.0" })
    void integerStatisticsMatchNumpyToTheLastDigit(int n, String mean, String std, String min, String p25,
            String median, String p75, String max) {
        List<Long> values = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            values.add((i * 7919) % 10007 + 1);
        }

        assertThat(reprs(SummaryStatistics.ofIntegers(values))).containsExactly(mean, std, min, p25, median, p75, max);
    }

    @ParameterizedTest
    @CsvSource({
            "7,     133.27142857142857, 141.82513537784234, 0.0, 26.833333333333332, 79.4, 185.91666666666669, 428.0",
            "100,   100.96623486725693, 135.76326804993238, 0.0, 28.729166666666668, 58.5, 111.75,             852.0",
            "1001,  101.95954702026864, 145.79718040179876, 0.0, 28.1,               56.0, 105.85714285714286, 1008.0",
            "24000, 102.04485856698108, 146.02958770793887, 0.0, 28.0,               56.0, 106.40714285714286, 1008.0" })
    void floatStatisticsMatchNumpyPairwiseSummation(int n, String mean, String std, String min, String p25,
            String median, String p75, String max) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (double) ((i * 7919L) % 1009) / ((i % 17) + 1);
        }

        assertThat(reprs(SummaryStatistics.ofDoubles(values))).containsExactly(mean, std, min, p25, median, p75, max);
    }

    @Test
    void pythonReprSwitchesToExponentsWherePythonDoes() {
        assertThat(PythonFloats.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloats.repr(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PythonFloats.repr(123456789.0)).isEqualTo("123456789.0");
        assertThat(PythonFloats.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloats.repr(1e22)).isEqualTo("1e+22");
        assertThat(PythonFloats.repr(2.5e-7)).isEqualTo("2.5e-07");
        assertThat(PythonFloats.repr(-3.0)).isEqualTo("-3.0");
        assertThat(PythonFloats.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void statisticsOfNothingAreRejected() {
        assertThatThrownBy(() -> SummaryStatistics.ofIntegers(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> reprs(SummaryStatistics s) {
        return List.of(s.mean(), s.stdDev(), s.min(), s.p25(), s.median(), s.p75(), s.max()).stream()
                .map(PythonFloats::repr).toList();
    }
}
