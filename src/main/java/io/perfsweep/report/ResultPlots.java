package io.perfsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
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
        Map<String, XYChart> charts = charts(runs, WIDTH, HEIGHT);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outputDir);
            for (Map.Entry<String, XYChart> chart : charts.entrySet()) {
                Path svg = outputDir.resolve(chart.getKey() + ".svg");
                Files.writeString(svg, svgDocument(chart.getValue()), StandardCharsets.UTF_8);
                written.add(svg);
                Path png = outputDir.resolve(chart.getKey() + ".png");
                Files.write(png, png(chart.getValue()));
                written.add(png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plots to " + outputDir, e);
        }
        return written;
    }

    /**
     * The plots that have data, by name in {@link #NAMES} order, at the size the plot files have.
     *
     * @throws IllegalArgumentException for no runs, more than {@value #MAX_RUNS}, or two runs of the same name
     */
    public static Map<String, XYChart> charts(List<RunResults> runs) {
        return charts(runs, WIDTH, HEIGHT);
    }

    /**
     * The plots that have data, by name in {@link #NAMES} order, drawn {@code width × height} pixels (an HTML page
     * draws them smaller than the files, so their text stays readable at the size they are shown).
     *
     * @throws IllegalArgumentException for no runs, more than {@value #MAX_RUNS}, or two runs of the same name
     */
    public static Map<String, XYChart> charts(List<RunResults> runs, int width, int height) {
        if (runs.isEmpty() || runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException(
                    "plots compare 1 to " + MAX_RUNS + " runs, got " + runs.size() + "; pick runs with --benchmark-name");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<XYChart> charts = List.of(
                vsConcurrency(runs, width, height, "p50 Inter-Token Latency vs Concurrency", "p50 ITL (ms)",
                        RunResults.Point::itlP50),
                vsConcurrency(runs, width, height, "Average Inter-Token Latency vs Concurrency", "avg ITL (ms)",
                        RunResults.Point::itlAvg),
                vsConcurrency(runs, width, height, "Average Time to First Token vs Concurrency", "avg TTFT (ms)",
                        RunResults.Point::ttftAvg),
                vsConcurrency(runs, width, height, "Request Throughput vs Concurrency", "requests/s",
                        RunResults.Point::requestThroughput),
                efficiency(runs, width, height));
        Map<String, XYChart> byName = new LinkedHashMap<>();
        for (int i = 0; i < charts.size(); i++) {
            if (!charts.get(i).getSeriesMap().isEmpty()) {
                byName.put(NAMES.get(i), charts.get(i));
            }
        }
        return byName;
    }

    /** A standalone SVG file of the chart, at its own pixel size. */
    public static String svgDocument(XYChart chart) {
        return paint(chart).getSVGDocument();
    }

    /**
     * The chart as an {@code <svg>} element to put inline in HTML: no fixed size, a view box instead, so it scales to
     * the width of its container.
     */
    public static String svgElement(XYChart chart) {
        return paint(chart).getSVGElement(null, false, new ViewBox(0, 0, chart.getWidth(), chart.getHeight()), null,
                null);
    }

    /** The chart as PNG bytes, at its own pixel size. */
    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        }
    }

    private static XYChart vsConcurrency(List<RunResults> runs, int width, int height, String title, String yTitle,
            Function<RunResults.Point, OptionalDouble> metric) {
        XYChart chart = chart(width, height, title, "Concurrency", yTitle);
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

    private static XYChart efficiency(List<RunResults> runs, int width, int height) {
        XYChart chart = chart(width, height, "Efficiency: tok/s/gpu vs tok/s/user (dashed: Pareto frontier)", "tok/s/user",
                "tok/s/gpu");
        for (int r = 0; r < runs.size(); r++) {
            RunResults run = runs.get(r);
            List<ParetoFrontier.Point> points = run.efficiencyPoints();
            if (points.isEmpty()) {
                continue;
            }
            List<ParetoFrontier.Point> trusted = points.stream().filter(p -> !p.distorted()).toList();
            List<ParetoFrontier.Point> distorted = points.stream().filter(ParetoFrontier.Point::distorted).toList();
            if (!trusted.isEmpty()) {
                XYSeries scatter = chart.addSeries(run.name(), trusted.stream().map(ParetoFrontier.Point::x).toList(),
                        trusted.stream().map(ParetoFrontier.Point::y).toList());
                scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                scatter.setMarker(SeriesMarkers.CIRCLE);
                scatter.setMarkerColor(PALETTE[r]);
            }
            if (!distorted.isEmpty()) { // shown as crosses, named in the legend
                XYSeries marked = chart.addSeries(run.name() + " (client distorted: "
                        + distorted.stream().map(ParetoFrontier.Point::label).collect(Collectors.joining(", ")) + ")",
                        distorted.stream().map(ParetoFrontier.Point::x).toList(),
                        distorted.stream().map(ParetoFrontier.Point::y).toList());
                marked.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                marked.setMarker(SeriesMarkers.CROSS);
                marked.setMarkerColor(PALETTE[r]);
            }
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

    private static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static SVGGraphics2D paint(XYChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(chart.getWidth(), chart.getHeight());
        // xchart draws text as outlines; two decimals of a pixel keep them sharp and the file about half the size
        g.setGeomDoubleConverter(ResultPlots::twoDecimals);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        return g;
    }

    private static String twoDecimals(double value) {
        return Double.toString(Math.round(value * 100) / 100.0);
    }
}
