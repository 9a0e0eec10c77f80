package io.perfsweep.planner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * NumPy's {@code .npy} format, version 1.0, for little-endian 1-D arrays of {@code float64} ({@code <f8}) and
 * {@code int64} ({@code <i8}), byte for byte as {@code numpy.lib.format.write_array} writes them.
 *
 * <p>
 * Layout: the magic {@code \x93NUMPY}, the version bytes {@code 1 0}, the header length as a little-endian
 * {@code uint16}, the header, then the values. The header is the {@code repr} of the dict
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (n,), }} (keys sorted), followed by
 * {@code 21 − len(repr(n))} spaces of growth room, then {@code 64 − ((10 + len + 1) mod 64)} spaces (1 to 64) and a
 * final {@code \n}, so the values start at a multiple of 64 bytes ({@code _write_array_header}, {@code _wrap_header}).
 */
public final class Npy {

    /** {@code \x93NUMPY}. */
    static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    /** The values start at a multiple of this many bytes ({@code ARRAY_ALIGN}). */
    static final int ARRAY_ALIGN = 64;
    /** Room left in the header for the length to grow ({@code GROWTH_AXIS_MAX_DIGITS}). */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Magic, two version bytes and the {@code uint16} header length. */
    private static final int PREFIX_LENGTH = MAGIC.length + 2 + 2;
    /** Version 1.0 stores the header length in two bytes. */
    private static final int MAX_HEADER_LENGTH = 0xFFFF;

    private Npy() {
    }

    /** A 1-D {@code float64} array ({@code descr '<f8'}). */
    public static byte[] float64(double... values) {
        ByteBuffer out = start("<f8", values.length, Double.BYTES);
        for (double value : values) {
            out.putDouble(value);
        }
        return out.array();
    }

    /** A 1-D {@code int64} array ({@code descr '<i8'}), what {@code np.array} makes of a list of Python ints. */
    public static byte[] int64(long... values) {
        ByteBuffer out = start("<i8", values.length, Long.BYTES);
        for (long value : values) {
            out.putLong(value);
        }
        return out.array();
    }

    /** The header of a 1-D array of {@code length} values: magic, version, length and the padded dict. */
    static byte[] header(String descr, int length) {
        String shape = "(" + length + ",)";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }"
                + " ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(length).length());
        int withNewline = dict.length() + 1;
        int padding = ARRAY_ALIGN - (PREFIX_LENGTH + withNewline) % ARRAY_ALIGN;
        int headerLength = withNewline + padding;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes is too long for .npy 1.0");
        }
        byte[] text = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(PREFIX_LENGTH + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength).put(text);
        return out.array();
    }

    private static ByteBuffer start(String descr, int length, int itemSize) {
        byte[] header = header(descr, length);
        return ByteBuffer.allocate(Math.addExact(header.length, Math.multiplyExact(length, itemSize)))
                .order(ByteOrder.LITTLE_ENDIAN).put(header);
    }
}
