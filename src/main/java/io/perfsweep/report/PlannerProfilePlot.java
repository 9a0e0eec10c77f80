package io.perfsweep.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A planner profile's figure, as the profiler draws its own: prefill TTFT against ISL (left) and decode ITL against KV
 * usage, one line per context length (right), from the arrays of the planner's files.
 */
public final class PlannerProfilePlot {

    /** Base name of the figure. */
    public static final String NAME = "planner_profile";

    private static final int PANEL_WIDTH = 800;
    private static final int HEIGHT = 560;
    private static final Color BLUE = new Color(0x1f77b4);

    /**
     * The arrays drawn, as the planner's files hold them.
     *
     * @param prefillIsl {@code prefill_isl}
     * @param prefillTtft {@code prefill_ttft}, ms
     * @param xKvUsage {@code x_kv_usage}
     * @param yContextLength {@code y_context_length}
     * @param zItl {@code z_itl}, ms
     */
    public record Arrays(List<Double> prefillIsl, List<Double> prefillTtft, List<Double> xKvUsage,
            List<Double> yContextLength, List<Double> zItl) {
    }

    private PlannerProfilePlot() {
    }

    /** The figure as an SVG document. */
    public static String svg(Arrays arrays) {
        return panels(arrays).svgDocument();
    }

    /** The figure as an inline, scalable {@code <svg>} element, for the HTML report of a planner-profile job. */
    public static String svgElement(Arrays arrays) {
        return panels(arrays).svgElement();
    }

    /** The figure as PNG bytes. */
    public static byte[] png(Arrays arrays) throws IOException {
        return panels(arrays).pngBytes();
    }

    private static PlotPanels panels(Arrays arrays) {
        return new PlotPanels(List.of(prefill(arrays), decode(arrays)), PANEL_WIDTH, HEIGHT);
    }

    private static XYChart prefill(Arrays arrays) {
        XYChart chart = chart("Prefill: TTFT vs ISL", "Input Sequence Length (tokens)", "Time to First Token (ms)");
        XYSeries ttft = chart.addSeries("prefill_ttft", arrays.prefillIsl(), arrays.prefillTtft());
        ttft.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ttft.setLineColor(BLUE);
        ttft.setMarkerColor(BLUE);
        ttft.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    private static XYChart decode(Arrays arrays) {
        XYChart chart = chart("Decode: ITL vs KV usage", "KV Cache Usage (x_kv_usage)", "Inter-Token Latency (ms)");
        Map<Double, List<Integer>> byContext = new TreeMap<>();
        for (int i = 0; i < arrays.xKvUsage().size(); i++) {
            byContext.computeIfAbsent(arrays.yContextLength().get(i), context -> new ArrayList<>()).add(i);
        }
        byContext.forEach((context, indexes) -> {
            List<Double> x = indexes.stream().map(arrays.xKvUsage()::get).toList();
            List<Double> y = indexes.stream().map(arrays.zItl()::get).toList();
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "context %.0f", context), x, y);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }
}
