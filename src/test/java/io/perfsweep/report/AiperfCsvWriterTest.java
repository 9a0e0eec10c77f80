package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.MetricTag;

class AiperfCsvWriterTest {

    @Test
    void roundsLikePythonFormatNotLikeJavaFormat() {
        assertThat(AiperfCsvWriter.number(0.125)).isEqualTo("0.12"); // exact tie → half-even
        assertThat(AiperfCsvWriter.number(0.375)).isEqualTo("0.38");
        assertThat(AiperfCsvWriter.number(1.005)).isEqualTo("1.00"); // binary value is 1.00499…
        assertThat(AiperfCsvWriter.number(2.675)).isEqualTo("2.67");
        assertThat(AiperfCsvWriter.number(200)).isEqualTo("200.00");
        assertThat(AiperfCsvWriter.number(-0.001)).isEqualTo("-0.00");
        assertThat(AiperfCsvWriter.number(-12.345678)).isEqualTo("-12.35");
        assertThat(AiperfCsvWriter.number(1e20)).isEqualTo("100000000000000000000.00");
        assertThat(AiperfCsvWriter.number(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void namesCarryTheUnitExceptForRequestCounts() {
        assertThat(AiperfCsvWriter.name(MetricTag.TIME_TO_FIRST_TOKEN)).isEqualTo("Time to First Token (ms)");
        assertThat(AiperfCsvWriter.name(MetricTag.REQUEST_COUNT)).isEqualTo("Request Count");
        assertThat(AiperfCsvWriter.name(MetricTag.BENCHMARK_DURATION)).isEqualTo("Benchmark Duration (sec)");
    }

    @Test
    void quotesFieldsLikePythonCsv() {
        assertThat(AiperfCsvWriter.field("plain")).isEqualTo("plain");
        assertThat(AiperfCsvWriter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AiperfCsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
