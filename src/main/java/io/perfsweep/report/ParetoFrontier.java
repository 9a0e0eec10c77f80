package io.perfsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto frontier of throughput-per-GPU against throughput-per-user, as {@code plot_pareto.py} defines it: a point
 * is on the frontier when no other point is at least as good in both dimensions and strictly better in one (more is
 * better on both axes).
 */
public final class ParetoFrontier {

    private ParetoFrontier() {
    }

    /**
     * One measured operating point.
     *
     * @param x tokens per second per user
     * @param y tokens per second per GPU
     * @param label what the point is, e.g. {@code "c16"}
     * @param distorted whether the client judged its own timings distorted at this point (see
     *        {@code ClientHealth}): it stays in the frontier's computation (dropping it would silently change the
     *        frontier with the machine's load) but every output marks it, so it never defines the frontier unseen
     */
    public record Point(double x, double y, String label, boolean distorted) {

        /** A point whose timings the client did not flag. */
        public Point(double x, double y, String label) {
            this(x, y, label, false);
        }
    }

    /**
     * The non-dominated points, in ascending x (and so descending y), in O(n log n). Of exact duplicates only the
     * first given is kept; points with a non-finite coordinate are left out.
     */
    public static List<Point> of(List<Point> points) {
        List<Point> sorted = new ArrayList<>();
        for (Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                sorted.add(p);
            }
        }
        // x descending, then y descending: every point that could dominate a point comes before it.
        sorted.sort(Comparator.comparingDouble(Point::x).reversed()
                .thenComparing(Comparator.comparingDouble(Point::y).reversed()));
        List<Point> frontier = new ArrayList<>();
        double bestY = Double.NEGATIVE_INFINITY;
        for (Point p : sorted) {
            if (p.y() > bestY) {
                frontier.add(p);
                bestY = p.y();
            }
        }
        Collections.reverse(frontier);
        return frontier;
    }
}
