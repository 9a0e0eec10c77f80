package io.perfsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.jfree.svg.SVGGraphics2D;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The seed's plots for one run or several compared (one series per run): latency and throughput against concurrency
 * on a log axis, and tokens per second per GPU against tokens per second per user with each run's Pareto frontier
 * drawn as a dashed line. Every plot is written as SVG and PNG.
 */
public final class ResultPlots {

    /** Most runs one comparison can show: one distinct colour each. */
    public static final int MAX_RUNS = 12;

    /** The plots' base names; each is written with {@code .svg} and {@code .png}. */
    public static final List<String> NAMES = List.of("p50_inter_token_latency_vs_concurrency",
            "avg_inter_token_latency_vs_concurrency", "avg_time_to_first_token_vs_concurrency",
            "request_throughput_vs_concurrency", "efficiency_tok_s_gpu_vs_user");

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;

    private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a) };

    private ResultPlots() {
    }

    /**
     * Writes every plot into {@code outputDir}, creating it. A plot none of whose runs has data is skipped.
     *
     * @return the files written
     * @throws IllegalArgumentException for no runs or more than {@value #MAX_RUNS}
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<Path> write(List<RunResults> runs, Path outputDir) {
        if (runs.isEmpty() || runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException(
                    "plots compare 1 to " + MAX_RUNS + " runs, got " + runs.size() + "; pick runs with --benchmark-name");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<XYChart> charts = List.of(
                vsConcurrency(runs, "p50 Inter-Token Latency vs Concurrency", "p50 ITL (ms)",
                        RunResults.Point::itlP50),
                vsConcurrency(runs, "Average Inter-Token Latency vs Concurrency", "avg ITL (ms)",
                        RunResults.Point::itlAvg),
                vsConcurrency(runs, "Average Time to First Token vs Concurrency", "avg TTFT (ms)",
                        RunResults.Point::ttftAvg),
                vsConcurrency(runs, "Request Throughput vs Concurrency", "requests/s",
                        RunResults.Point::requestThroughput),
                efficiency(runs));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outputDir);
            for (int i = 0; i < charts.size(); i++) {
                XYChart chart = charts.get(i);
                if (chart.getSeriesMap().isEmpty()) {
                    continue;
                }
                written.add(writeSvg(chart, outputDir.resolve(NAMES.get(i) + ".svg")));
                written.add(writePng(chart, outputDir.resolve(NAMES.get(i) + ".png")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plots to " + outputDir, e);
        }
        return written;
    }

    private static XYChart vsConcurrency(List<RunResults> runs, String title, String yTitle,
            Function<RunResults.Point, OptionalDouble> metric) {
        XYChart chart = chart(title, "Concurrency", yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        for (int r = 0; r < runs.size(); r++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (RunResults.Point p : runs.get(r).points()) {
                OptionalDouble y = metric.apply(p);
                if (p.concurrency() > 0 && y.isPresent()) {
                    xs.add((double) p.concurrency());
                    ys.add(y.getAsDouble());
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(runs.get(r).name(), xs, ys);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                series.setLineColor(PALETTE[r]);
                series.setMarkerColor(PALETTE[r]);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    private static XYChart efficiency(List<RunResults> runs) {
        XYChart chart = chart("Efficiency: tok/s/gpu vs tok/s/user (dashed: Pareto frontier)", "tok/s/user",
                "tok/s/gpu");
        for (int r = 0; r < runs.size(); r++) {
            RunResults run = runs.get(r);
            List<ParetoFrontier.Point> points = run.efficiencyPoints();
            if (points.isEmpty()) {
                continue;
            }
            XYSeries scatter = chart.addSeries(run.name(), points.stream().map(ParetoFrontier.Point::x).toList(),
                    points.stream().map(ParetoFrontier.Point::y).toList());
            scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            scatter.setMarker(SeriesMarkers.CIRCLE);
            scatter.setMarkerColor(PALETTE[r]);
            List<ParetoFrontier.Point> frontier = ParetoFrontier.of(points);
            XYSeries line = chart.addSeries(run.name() + " Pareto",
                    frontier.stream().map(ParetoFrontier.Point::x).toList(),
                    frontier.stream().map(ParetoFrontier.Point::y).toList());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(PALETTE[r]);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] { 6f, 4f }, 0f));
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static Path writeSvg(XYChart chart, Path file) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        // xchart draws text as outlines; two decimals of a pixel keep them sharp and the file about half the size
        g.setGeomDoubleConverter(ResultPlots::twoDecimals);
        chart.paint(g, WIDTH, HEIGHT);
        Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
        return file;
    }

    private static String twoDecimals(double value) {
        return Double.toString(Math.round(value * 100) / 100.0);
    }

    private static Path writePng(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
