package io.perfsweep.datagen;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} (also numpy's {@code str(float64)}): the shortest digits that round-trip, in fixed
 * notation for decimal exponents in [-4, 16), else {@code 1.5e+16} style ({@code Python/pystrtod.c}, mode "r").
 * Java 17's {@code Double.toString} is not always shortest and switches to E notation at 10^7, so it is not used.
 */
final class PythonFloats {

    private PythonFloats() {
    }

    /** Formats {@code value} like Python's {@code repr}. */
    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (decimalPoint > -4 && decimalPoint <= 16) {
            return sign + fixed(digits, decimalPoint);
        }
        return sign + scientific(digits, decimalPoint - 1);
    }

    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String fixed(String digits, int decimalPoint) {
        if (decimalPoint <= 0) {
            return "0." + "0".repeat(-decimalPoint) + digits;
        }
        if (decimalPoint >= digits.length()) {
            return digits + "0".repeat(decimalPoint - digits.length()) + ".0";
        }
        return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentDigits = String.format("%02d", Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentDigits;
    }
}
