package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsweep.report.ParetoFrontier.Point;

class ParetoFrontierTest {

    @Test
    void keepsExactlyTheNonDominatedPointsInAscendingX() {
        // (100,8) is dominated by (100,10): equal x, greater y. (60,40) by (65,45): greater in both.
        List<Point> points = List.of(new Point(100, 10, "a"), new Point(60, 40, "b"), new Point(20, 70, "c"),
                new Point(100, 8, "d"), new Point(65, 45, "e"));

        assertThat(ParetoFrontier.of(points)).containsExactly(new Point(20, 70, "c"), new Point(65, 45, "e"),
                new Point(100, 10, "a"));
    }

    @Test
    void equalYWithSmallerXIsDominatedAndDuplicatesKeepTheFirst() {
        List<Point> points = List.of(new Point(50, 10, "low-x"), new Point(80, 10, "high-x"),
                new Point(80, 10, "dup"), new Point(Double.NaN, 99, "nan"));

        assertThat(ParetoFrontier.of(points)).containsExactly(new Point(80, 10, "high-x"));
        assertThat(ParetoFrontier.of(List.of())).isEmpty();
    }

    @Test
    void agreesWithTheQuadraticDefinitionOnRandomPoints() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                // small integer grid: many ties in x and in y
                points.add(new Point(random.nextInt(10), random.nextInt(10), "p" + i));
            }
            List<Point> expected = new ArrayList<>();
            for (Point p : points) {
                boolean dominated = points.stream().anyMatch(q -> q.x() >= p.x() && q.y() >= p.y()
                        && (q.x() > p.x() || q.y() > p.y()));
                boolean duplicateOfEarlier = expected.stream().anyMatch(q -> q.x() == p.x() && q.y() == p.y());
                if (!dominated && !duplicateOfEarlier) {
                    expected.add(p);
                }
            }
            assertThat(ParetoFrontier.of(points)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
