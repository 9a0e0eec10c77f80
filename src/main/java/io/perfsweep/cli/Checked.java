package io.perfsweep.cli;

import io.perfsweep.client.BaseUrl;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while picocli parses, before a command starts anything: a bad value ends the command with
 * picocli's "Invalid value for option '--isl': ..." and exit code 2, instead of an exception from deep inside a sweep.
 * Each converter applies to every element of a list option ({@code --concurrencies 1,0}).
 */
final class Checked {

    private Checked() {
    }

    /** A count or size that means nothing at zero: concurrency, requests, tokens, parallelism. */
    @RegisterForReflection
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int parsed = integer(value);
            if (parsed < 1) {
                throw new TypeConversionException("must be at least 1, was " + value);
            }
            return parsed;
        }
    }

    /** A count or spread where zero means none: warm-up requests, a length's standard deviation. */
    @RegisterForReflection
    static final class NotNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int parsed = integer(value);
            if (parsed < 0) {
                throw new TypeConversionException("must not be negative, was " + value);
            }
            return parsed;
        }
    }

    /** A threshold or ratio that must be a finite number above zero: SLOs in ms, the mock's speed-up. */
    @RegisterForReflection
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double parsed = number(value);
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new TypeConversionException("must be a number above 0, was " + value);
            }
            return parsed;
        }
    }

    /** A duration in ms where zero means none: the in-process mock's fixed TTFT and ITL. */
    @RegisterForReflection
    static final class NotNegativeMillis implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double parsed = number(value);
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new TypeConversionException("must be a number of ms, 0 or more, was " + value);
            }
            return parsed;
        }
    }

    /** A percentage, 0 or more: the regression gate's threshold. */
    @RegisterForReflection
    static final class NotNegativePercent implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double parsed = number(value);
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new TypeConversionException("must be a percentage, 0 or more, was " + value);
            }
            return parsed;
        }
    }

    /** A probability strictly between 0 and 1: a confidence level. */
    @RegisterForReflection
    static final class Probability implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double parsed = number(value);
            if (!(parsed > 0 && parsed < 1)) {
                throw new TypeConversionException("must lie between 0 and 1 (e.g. 0.95), was " + value);
            }
            return parsed;
        }
    }

    /** An endpoint's base URL as the client reads it: http or https, a host, a port from 1 to 65535. */
    @RegisterForReflection
    static final class EndpointUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                BaseUrl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }
}
