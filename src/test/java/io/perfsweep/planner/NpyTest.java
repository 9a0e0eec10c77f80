package io.perfsweep.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;

class NpyTest {

    /**
     * {@code np.save(f, np.array([1.0, 2.0, 3.0]))}, derived by hand from {@code _write_array_header}: the dict
     * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3,), }} is 57 characters, plus 21 − len("3") = 20
     * spaces of growth room makes 77, plus the newline 78 ({@code hlen}); {@code padlen} = 64 − ((8 + 2 + 78) mod 64)
     * = 64 − 24 = 40, so the header length field is 78 + 40 = 118 (0x76 0x00) and the values start at 10 + 118 = 128.
     * The values are IEEE 754 little-endian: 1.0 = 0x3FF0…, 2.0 = 0x4000…, 3.0 = 0x4008….
     */
    @Test
    void float64ArrayIsByteForByteWhatNumpySaves() {
        var expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0x00 });
        expected.writeBytes(("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }" + " ".repeat(20 + 40) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        expected.writeBytes(new byte[] { 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F });
        expected.writeBytes(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x40 });
        expected.writeBytes(new byte[] { 0, 0, 0, 0, 0, 0, 0x08, 0x40 });

        byte[] npy = Npy.float64(1.0, 2.0, 3.0);

        assertThat(npy).hasSize(128 + 24).isEqualTo(expected.toByteArray());
    }

    /** {@code np.save(f, np.array([32768]))}: the same 128-byte header with {@code '<i8'}, then 32768 = 0x8000. */
    @Test
    void int64ArrayIsByteForByteWhatNumpySaves() {
        var expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0x00 });
        expected.writeBytes(("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(60) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        expected.writeBytes(new byte[] { 0, (byte) 0x80, 0, 0, 0, 0, 0, 0 });

        assertThat(Npy.int64(32768)).isEqualTo(expected.toByteArray());
    }

    /**
     * The growth room takes the digits of the length, so a 1-D header is 128 bytes for any length: 0 → 20 + 1 digit,
     * 1234567 → 14 + 7 digits.
     */
    @Test
    void headerIsOneAlignedBlockPairForEveryLength() {
        for (int length : new int[] { 0, 1, 9, 10, 99, 100, 1234567 }) {
            byte[] header = Npy.header("<f8", length);
            assertThat(header).as("length %d", length).hasSize(128);
            String text = new String(header, 10, 118, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (" + length + ",), }")
                    .endsWith(" \n");
        }
    }

    @Test
    void strictReaderReadsTheValuesBack() {
        double[] values = { 0.0, -1.5, 1e-300, Double.MAX_VALUE, 0.1 + 0.2 };
        var array = StrictNpy.read(Npy.float64(values));
        assertThat(array.descr()).isEqualTo("<f8");
        assertThat(array.doubles()).containsExactly(values);

        var longs = StrictNpy.read(Npy.int64(Long.MIN_VALUE, 0, 7, Long.MAX_VALUE));
        assertThat(longs.descr()).isEqualTo("<i8");
        assertThat(longs.longs()).containsExactly(Long.MIN_VALUE, 0, 7, Long.MAX_VALUE);

        assertThat(StrictNpy.read(Npy.float64()).length()).isZero();
    }

    /** The strict reader is only worth its name if it refuses what NumPy would not have written. */
    @Test
    void strictReaderRefusesBrokenFiles() {
        byte[] good = Npy.float64(1.0);

        byte[] version2 = good.clone();
        version2[6] = 2;
        assertThatThrownBy(() -> StrictNpy.read(version2)).hasMessageContaining("version 2.0");

        byte[] badMagic = good.clone();
        badMagic[1] = 'n';
        assertThatThrownBy(() -> StrictNpy.read(badMagic)).hasMessageContaining("bad magic");

        byte[] fortran = new String(good, StandardCharsets.ISO_8859_1).replace("False", "True ")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> StrictNpy.read(fortran)).hasMessageContaining("not the header");

        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> StrictNpy.read(truncated)).hasMessageContaining("data bytes");
    }

    @Test
    void npzHoldsOneStoredEntryPerKeyInOrder() {
        var arrays = new LinkedHashMap<String, byte[]>();
        arrays.put("b_second", Npy.float64(2.5, 3.5));
        arrays.put("a_first", Npy.int64(42));

        byte[] npz = Npz.of(arrays);
        var read = StrictNpy.readNpz(npz);

        assertThat(read.keySet()).containsExactly("b_second", "a_first");
        assertThat(read.get("b_second").doubles()).containsExactly(2.5, 3.5);
        assertThat(read.get("a_first").longs()).containsExactly(42L);
        assertThat(Npz.of(arrays)).as("the same arrays give the same bytes").isEqualTo(npz);
    }

    @Test
    void npzRefusesKeysThatAreNotPlainNames() {
        var arrays = new LinkedHashMap<String, byte[]>();
        arrays.put("dir/key", Npy.float64(1));
        assertThatThrownBy(() -> Npz.of(arrays)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain name");
        assertThatThrownBy(() -> Npz.of(new LinkedHashMap<>())).isInstanceOf(IllegalArgumentException.class);
    }
}
