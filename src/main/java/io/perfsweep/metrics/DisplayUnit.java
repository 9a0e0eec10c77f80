package io.perfsweep.metrics;

/**
 * AIPerf display units. Time metrics are measured in nanoseconds and shown in milliseconds or seconds; every
 * other unit is measured and shown the same way.
 */
public enum DisplayUnit {
    MILLISECONDS("ms", 1_000_000.0),
    SECONDS("sec", 1_000_000_000.0),
    NANOSECONDS("ns", 1.0),
    TOKENS("tokens", 1.0),
    TOKENS_PER_SECOND("tokens/sec", 1.0),
    TOKENS_PER_SECOND_PER_USER("tokens/sec/user", 1.0),
    REQUESTS("requests", 1.0),
    REQUESTS_PER_SECOND("requests/sec", 1.0),
    PERCENT("%", 1.0),
    RATIO("ratio", 1.0);

    private final String symbol;
    private final double baseUnitsPerDisplayUnit;

    DisplayUnit(String symbol, double baseUnitsPerDisplayUnit) {
        this.symbol = symbol;
        this.baseUnitsPerDisplayUnit = baseUnitsPerDisplayUnit;
    }

    /** The unit as AIPerf writes it, e.g. {@code "ms"} or {@code "tokens/sec/user"}. */
    public String symbol() {
        return symbol;
    }

    /** Converts a value in the metric's base unit (nanoseconds for times) to this display unit. */
    public double fromBase(double baseValue) {
        return baseValue / baseUnitsPerDisplayUnit;
    }

    /** Converts a value in this display unit to the metric's base unit (nanoseconds for times). */
    public double toBase(double displayValue) {
        return displayValue * baseUnitsPerDisplayUnit;
    }
}
