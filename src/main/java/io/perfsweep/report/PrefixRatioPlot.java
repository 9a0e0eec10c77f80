package io.perfsweep.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The router script's {@code prefix_ratio_performance} figure: TTFT (left) and ITL (right) against the prefix ratio,
 * the p50 as a line with its value written above each point and the p25–p75 range as a shaded band, side by side in
 * one image, written as SVG and PNG.
 */
public final class PrefixRatioPlot {

    /** Base name of the figure, as the script names its PNG. */
    public static final String NAME = "prefix_ratio_performance";

    private static final int PANEL_WIDTH = 800;
    private static final int HEIGHT = 560;
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color RED = new Color(0xd62728);

    private PrefixRatioPlot() {
    }

    /** Writes {@code prefix_ratio_performance.svg} and {@code .png} into {@code outputDir}; nothing when empty. */
    public static List<Path> write(PrefixRatioResults results, Path outputDir) throws IOException {
        if (results.isEmpty()) {
            return List.of();
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        PlotPanels panels = panels(results);
        Path svg = outputDir.resolve(NAME + ".svg");
        Files.writeString(svg, panels.svgDocument(), StandardCharsets.UTF_8);
        Path png = outputDir.resolve(NAME + ".png");
        ImageIO.write(panels.png(), "png", png.toFile());
        return List.of(svg, png);
    }

    /** The figure as an SVG document. */
    public static String svg(PrefixRatioResults results) {
        return panels(results).svgDocument();
    }

    /** The figure as an inline, scalable {@code <svg>} element, for the HTML report of a prefix-ratio job. */
    public static String svgElement(PrefixRatioResults results) {
        return panels(results).svgElement();
    }

    /** The figure as PNG bytes. */
    public static byte[] png(PrefixRatioResults results) throws IOException {
        return panels(results).pngBytes();
    }

    private static PlotPanels panels(PrefixRatioResults results) {
        return new PlotPanels(List.of(
                panel("TTFT vs Prefix Ratio", "Time to First Token (ms)", BLUE, results.prefixRatios(),
                        results.ttftP25Values(), results.ttftP50Values(), results.ttftP75Values()),
                panel("ITL vs Prefix Ratio", "Inter-Token Latency (ms)", RED, results.prefixRatios(),
                        results.itlP25Values(), results.itlP50Values(), results.itlP75Values())),
                PANEL_WIDTH, HEIGHT);
    }

    private static XYChart panel(String title, String yTitle, Color color, List<Double> ratios, List<Double> p25,
            List<Double> p50, List<Double> p75) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title).xAxisTitle("Prefix Ratio")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // The band: along p25 from left to right, back along p75 from right to left.
        List<Double> bandX = new ArrayList<>(ratios);
        List<Double> bandY = new ArrayList<>(p25);
        for (int i = ratios.size() - 1; i >= 0; i--) {
            bandX.add(ratios.get(i));
            bandY.add(p75.get(i));
        }
        XYSeries band = chart.addSeries("p25-p75", bandX, bandY);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 77));
        band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 77));
        band.setMarker(SeriesMarkers.NONE);
        XYSeries median = chart.addSeries("p50", ratios, p50);
        median.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        median.setLineColor(color);
        median.setMarkerColor(color);
        median.setMarker(SeriesMarkers.CIRCLE);
        for (int i = 0; i < ratios.size(); i++) {
            chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.1fms", p50.get(i)), ratios.get(i),
                    p50.get(i), false));
        }
        return chart;
    }
}
