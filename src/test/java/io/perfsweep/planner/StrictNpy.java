package io.perfsweep.planner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A strict reader of what {@link Npy} and {@link Npz} write, independent of them: it refuses anything NumPy's
 * {@code _wrap_header} would not have written for a little-endian 1-D {@code <f8} or {@code <i8} array (magic,
 * version 1.0, the three keys in sorted order, the growth room, the 64-byte alignment, the final newline, the exact
 * data length), and an .npz that is not a zip of stored {@code <key>.npy} entries. Public for the tests that read
 * back what the CLI and the service write.
 */
public final class StrictNpy {

    private static final Pattern DICT = Pattern
            .compile("\\{'descr': '(<f8|<i8)', 'fortran_order': False, 'shape': \\((0|[1-9][0-9]*),\\), \\}( *)\n");

    /** One array read back: its dtype, its length and its values (as doubles for {@code <f8}, longs for {@code <i8}). */
    public record Array(String descr, int length, double[] doubles, long[] longs) {
    }

    private StrictNpy() {
    }

    public static Array read(byte[] npy) {
        if (npy.length < 10) {
            throw new IllegalArgumentException("shorter than the .npy prefix: " + npy.length + " bytes");
        }
        byte[] magic = Arrays.copyOfRange(npy, 0, 6);
        if (!Arrays.equals(magic, new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' })) {
            throw new IllegalArgumentException("bad magic " + Arrays.toString(magic));
        }
        if (npy[6] != 1 || npy[7] != 0) {
            throw new IllegalArgumentException("version " + npy[6] + "." + npy[7] + ", expected 1.0");
        }
        ByteBuffer in = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(in.getShort(8));
        if ((10 + headerLength) % 64 != 0) {
            throw new IllegalArgumentException("data starts at " + (10 + headerLength) + ", not a multiple of 64");
        }
        if (10 + headerLength > npy.length) {
            throw new IllegalArgumentException("header runs past the end");
        }
        String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
        var match = DICT.matcher(header);
        if (!match.matches()) {
            throw new IllegalArgumentException("not the header NumPy writes: " + header.replace("\n", "\\n"));
        }
        String descr = match.group(1);
        String digits = match.group(2);
        int spaces = match.group(3).length();
        int growth = 21 - digits.length();
        // _wrap_header pads with 1 to 64 spaces after the growth room, never 0 and never a whole extra block more
        if (spaces < growth + 1 || spaces > growth + 64) {
            throw new IllegalArgumentException(spaces + " spaces after the dict, expected " + growth + " + 1…64");
        }
        int length = Integer.parseInt(digits);
        int dataStart = 10 + headerLength;
        if (npy.length - dataStart != length * 8) {
            throw new IllegalArgumentException((npy.length - dataStart) + " data bytes for " + length + " values");
        }
        in.position(dataStart);
        if (descr.equals("<f8")) {
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = in.getDouble();
            }
            return new Array(descr, length, values, null);
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.getLong();
        }
        return new Array(descr, length, null, values);
    }

    /** The arrays of an .npz by key, in the archive's order. */
    public static Map<String, Array> readNpz(byte[] npz) {
        if (npz.length < 4 || npz[0] != 'P' || npz[1] != 'K' || npz[2] != 3 || npz[3] != 4) {
            throw new IllegalArgumentException("np.load takes a file for an .npz only when it starts with PK\\x03\\x04");
        }
        var arrays = new LinkedHashMap<String, Array>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!name.endsWith(".npy") || name.contains("/") || entry.getMethod() != ZipEntry.STORED) {
                    throw new IllegalArgumentException("not a stored <key>.npy entry: " + name);
                }
                String key = name.substring(0, name.length() - ".npy".length());
                if (arrays.put(key, read(zip.readAllBytes())) != null) {
                    throw new IllegalArgumentException("key twice: " + key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }
}
