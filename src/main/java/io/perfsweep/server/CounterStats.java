package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AIPerf's counter statistics over a window: {@code total} = last value in the window − the reference value (the
 * last sample before the window, else the first in it), clamped to ≥ 0 across a server restart; {@code rate} =
 * total over the seconds between the reference sample and the last sample (AIPerf's {@code duration}), 0 when
 * they coincide.
 */
public record CounterStats(double total, double rate) implements SeriesStats {

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", total);
        json.put("rate", rate);
        return json;
    }
}
