package io.perfsweep.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.store.StoredPoint;

/**
 * One point over time, from its stored timeline ({@value PointServerMetrics#TIMELINE}): the client's requests in
 * flight against the server's running and waiting requests (left axis), and the server's KV-cache usage in percent
 * (right axis), one value per time slice at the slice's middle, seconds since the measured window began.
 */
final class TimelinePlot {

    private static final Color CLIENT = new Color(0x1f77b4);
    private static final Color RUNNING = new Color(0xff7f0e);
    private static final Color WAITING = new Color(0xd62728);
    private static final Color KV = new Color(0x2ca02c);

    private TimelinePlot() {
    }

    /** The point's plot, or empty when it has no timeline (measured without server metrics, or stored before it). */
    @SuppressWarnings("unchecked")
    static Optional<XYChart> of(StoredPoint point, int width, int height) {
        if (point.serverMetrics() == null
                || !(point.serverMetrics().get(PointServerMetrics.TIMELINE) instanceof List<?> rows)
                || rows.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) rows;
        double origin = number(timeline.get(0).get("start_ns"));
        List<Double> seconds = new ArrayList<>();
        for (Map<String, Object> row : timeline) {
            seconds.add(((number(row.get("start_ns")) + number(row.get("end_ns"))) / 2 - origin) / 1e9);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(point.label() + " over time: client in flight vs server running, waiting and KV usage")
                .xAxisTitle("seconds into the measured window").yAxisTitle("requests").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        line(chart, "client in flight", timeline, seconds, "client_in_flight", 1, CLIENT, 0);
        line(chart, "server running", timeline, seconds, "server_running", 1, RUNNING, 0);
        line(chart, "server waiting", timeline, seconds, "server_waiting", 1, WAITING, 0);
        if (line(chart, "KV cache usage %", timeline, seconds, "kv_cache_usage", 100, KV, 1)) {
            chart.setYAxisGroupTitle(1, "KV cache usage (%)");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return Optional.of(chart);
    }

    /** Adds the figure {@code key} as a line where the timeline has it; false when it has it nowhere. */
    private static boolean line(XYChart chart, String name, List<Map<String, Object>> timeline, List<Double> seconds,
            String key, double scale, Color color, int axis) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).get(key) instanceof Number value) {
                xs.add(seconds.get(i));
                ys.add(scale * value.doubleValue());
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setYAxisGroup(axis);
        return true;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
