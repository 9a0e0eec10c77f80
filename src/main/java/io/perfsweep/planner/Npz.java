package io.perfsweep.planner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip with one stored (uncompressed) {@code <key>.npy} entry per array, in the given order, as
 * {@code numpy.savez} writes it; {@code np.load(path)["key"]} reads each array back. Entries carry a fixed time, so
 * the same arrays always give the same bytes.
 */
public final class Npz {

    /** 1980-01-01T00:00 local time, the earliest a zip's DOS time holds. */
    private static final long FIXED_ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0)
            .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();

    private Npz() {
    }

    /**
     * The archive of {@code arrays}.
     *
     * @param arrays {@code .npy} contents ({@link Npy}) by key, in the order they are stored; a key names its entry
     *        {@code <key>.npy}
     */
    public static byte[] of(Map<String, byte[]> arrays) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("an .npz needs at least one array");
        }
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
                zip.putNextEntry(entry(array.getKey(), array.getValue()));
                zip.write(array.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry entry(String key, byte[] npy) {
        if (key.isEmpty() || key.contains("/")) {
            throw new IllegalArgumentException("an .npz key must be a plain name, was '" + key + "'");
        }
        var crc = new CRC32();
        crc.update(npy);
        var entry = new ZipEntry(key + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(npy.length);
        entry.setCompressedSize(npy.length);
        entry.setCrc(crc.getValue());
        entry.setTime(FIXED_ENTRY_TIME);
        return entry;
    }
}
