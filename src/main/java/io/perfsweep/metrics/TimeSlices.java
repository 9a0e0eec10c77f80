package io.perfsweep.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AIPerf's time slices ({@code --slice-duration}, spec §5.1) of one point's measured window: cut on absolute
 * wall-clock boundaries (multiples of the slice duration since the epoch), so the first and the last slice may be
 * short. A request belongs to the slice in which it was sent, as in AIPerf's
 * {@code TimesliceMetricResultsProcessor} ({@code request_start_ns // slice_duration_ns}): a request that starts in
 * one slice and ends in a later one counts only in the first; one sent exactly on a boundary counts in the later.
 * <p>
 * Post-processing only: built from the finished point's records, never on the measuring path.
 *
 * @param sliceNanos the slice duration in nanoseconds
 * @param slices every slice of the window, in time order, numbered from 0; slices in which no request was sent are
 *        kept (AIPerf leaves them out and renumbers), so an index always names the same stretch of time
 * @param epochMinusMonotonic wall-clock epoch nanoseconds minus {@link System#nanoTime()} on the client's clock, for
 *        placing samples stamped on the monotonic clock (the server scrapes) in the same slices
 */
public record TimeSlices(long sliceNanos, List<Slice> slices, long epochMinusMonotonic) {

    /** Most slices of a timeline drawn without an asked slice duration ({@link #timelineSeconds}). */
    public static final int TIMELINE_SLICES = 120;
    /** Most slices of one window: a window that would have more is not sliced ({@link #of} is empty). */
    public static final int MAX_SLICES = 10_000;

    /**
     * One slice.
     *
     * @param index 0 for the slice holding the window's start
     * @param startEpochNanos its start, wall clock; the window's start for the first slice
     * @param endEpochNanos its end (exclusive), wall clock; the window's end for the last slice
     * @param complete whether it lasts a full slice duration (AIPerf writes {@code is_complete: false} otherwise)
     */
    public record Slice(int index, long startEpochNanos, long endEpochNanos, boolean complete) {

        /** Its length in seconds. */
        public double seconds() {
            return (endEpochNanos - startEpochNanos) / 1e9;
        }

        /** Whether {@code epochNanos} falls in it. */
        public boolean contains(long epochNanos) {
            return epochNanos >= startEpochNanos && epochNanos < endEpochNanos;
        }
    }

    public TimeSlices {
        if (sliceNanos <= 0) {
            throw new IllegalArgumentException("the slice duration must be positive, was " + sliceNanos + " ns");
        }
        slices = List.copyOf(slices);
    }

    /**
     * The slices of a measured window.
     *
     * @param records the point's measured requests; the window is widened to hold every request's send and end
     * @param windowStartEpochNanos when the measured phase began, wall clock
     * @param windowEndEpochNanos when it ended, wall clock
     * @param sliceSeconds the slice duration, AIPerf's {@code --slice-duration}
     * @return empty when the point has no request, or when the window would have more than {@value #MAX_SLICES}
     *         slices
     */
    public static Optional<TimeSlices> of(List<RequestRecord> records, long windowStartEpochNanos,
            long windowEndEpochNanos, double sliceSeconds) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        long sliceNanos = Math.round(sliceSeconds * 1e9);
        long start = windowStartEpochNanos;
        long end = windowEndEpochNanos;
        for (RequestRecord record : records) {
            start = Math.min(start, record.wallStartEpochNanos());
            end = Math.max(end, wallEnd(record) + 1);
        }
        end = Math.max(end, start + 1);
        if (Math.floorDiv(end - 1, sliceNanos) - Math.floorDiv(start, sliceNanos) >= MAX_SLICES) {
            return Optional.empty();
        }
        RequestRecord first = records.get(0);
        return Optional.of(new TimeSlices(sliceNanos, cut(start, end, sliceNanos),
                first.wallStartEpochNanos() - first.sentNanos()));
    }

    private static List<Slice> cut(long start, long end, long sliceNanos) {
        List<Slice> slices = new ArrayList<>();
        long boundary = Math.floorDiv(start, sliceNanos) * sliceNanos;
        for (int index = 0; boundary < end; index++) {
            long from = Math.max(boundary, start);
            long to = Math.min(boundary + sliceNanos, end);
            slices.add(new Slice(index, from, to, to - from == sliceNanos));
            boundary += sliceNanos;
        }
        return slices;
    }

    /**
     * The slice duration of a timeline drawn when none was asked for: whole seconds, at least 1, so that a window of
     * {@code windowSeconds} has at most {@value #TIMELINE_SLICES} slices.
     */
    public static double timelineSeconds(double windowSeconds) {
        return Math.max(1, Math.ceil(windowSeconds / TIMELINE_SLICES));
    }

    /** The slice duration in seconds. */
    public double sliceSeconds() {
        return sliceNanos / 1e9;
    }

    /**
     * The index of the slice holding {@code epochNanos} by AIPerf's rule ({@code ⌊t / duration⌋}, counted from the
     * window's first slice), or -1 outside the window.
     */
    public int indexOf(long epochNanos) {
        if (slices.isEmpty() || epochNanos < slices.get(0).startEpochNanos()
                || epochNanos >= slices.get(slices.size() - 1).endEpochNanos()) {
            return -1;
        }
        return (int) (Math.floorDiv(epochNanos, sliceNanos)
                - Math.floorDiv(slices.get(0).startEpochNanos(), sliceNanos));
    }

    /** {@code nanoTime} (the client's monotonic clock) on the wall clock the slices are cut on. */
    public long epochNanosOf(long nanoTime) {
        return nanoTime + epochMinusMonotonic;
    }

    /** {@code epochNanos} on the client's monotonic clock ({@link System#nanoTime()}). */
    public long monotonicOf(long epochNanos) {
        return epochNanos - epochMinusMonotonic;
    }

    /** The requests of each slice (those sent in it), in slice order, each in the order given. */
    public List<List<RequestRecord>> requestsBySlice(List<RequestRecord> records) {
        List<List<RequestRecord>> bySlice = new ArrayList<>();
        slices.forEach(slice -> bySlice.add(new ArrayList<>()));
        for (RequestRecord record : records) {
            int index = indexOf(record.wallStartEpochNanos());
            if (index >= 0) {
                bySlice.get(index).add(record);
            }
        }
        return bySlice;
    }

    /** AIPerf's statistics of each slice's requests ({@link PointSummarizer}), in slice order. */
    public List<PointSummary> summaries(List<RequestRecord> records, Slo slo) {
        return requestsBySlice(records).stream().map(requests -> PointSummarizer.summarize(requests, slo)).toList();
    }

    /**
     * The client's requests in flight in each slice, averaged over the slice's time: the sum of the time each request
     * (valid or failed) spent between its send and its end inside the slice, over the slice's length. The closed
     * loop's figure to lay beside the server's running and waiting requests.
     */
    public double[] inFlight(List<RequestRecord> records) {
        double[] busyNanos = new double[slices.size()];
        long origin = Math.floorDiv(slices.get(0).startEpochNanos(), sliceNanos);
        for (RequestRecord record : records) {
            long from = record.wallStartEpochNanos();
            long to = wallEnd(record);
            // only the slices the request spans, not all of them
            int first = (int) Math.max(0, Math.floorDiv(from, sliceNanos) - origin);
            int last = (int) Math.min(slices.size() - 1, Math.floorDiv(to, sliceNanos) - origin);
            for (int index = first; index <= last; index++) {
                Slice slice = slices.get(index);
                long overlap = Math.min(to, slice.endEpochNanos()) - Math.max(from, slice.startEpochNanos());
                if (overlap > 0) {
                    busyNanos[index] += overlap;
                }
            }
        }
        double[] inFlight = new double[slices.size()];
        for (Slice slice : slices) {
            inFlight[slice.index()] = busyNanos[slice.index()] / (slice.endEpochNanos() - slice.startEpochNanos());
        }
        return inFlight;
    }

    private static long wallEnd(RequestRecord record) {
        return record.wallStartEpochNanos() + Math.max(record.endNanos() - record.sentNanos(), 0);
    }
}
