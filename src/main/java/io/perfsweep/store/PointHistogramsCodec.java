package io.perfsweep.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.metrics.LatencyHistograms;

/**
 * {@link LatencyHistograms} as the {@code sweep_point.histograms} bytes: a format byte, the number of histograms,
 * then per histogram its kind's name (modified UTF-8), the length and HdrHistogram's compressed encoding.
 * <p>
 * Kinds are stored by name, not ordinal, so adding a kind later keeps old rows readable; a stored kind this
 * version does not know is skipped. Any HdrHistogram implementation can read each histogram's bytes.
 */
public final class PointHistogramsCodec {

    private static final byte FORMAT_V1 = 1;

    private PointHistogramsCodec() {
    }

    /** The encoded histograms of a point. */
    public static byte[] encode(LatencyHistograms histograms) {
        Map<LatencyHistograms.Kind, byte[]> encoded = histograms.encodeCompressed();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            out.writeInt(encoded.size());
            for (Map.Entry<LatencyHistograms.Kind, byte[]> entry : encoded.entrySet()) {
                out.writeUTF(entry.getKey().name());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Histograms from {@link #encode}; they auto-resize, so more values can be recorded or other points merged in.
     *
     * @throws IllegalArgumentException when the bytes are not in this format
     */
    public static LatencyHistograms decode(byte[] stored) {
        Map<LatencyHistograms.Kind, byte[]> encoded = new EnumMap<>(LatencyHistograms.Kind.class);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT_V1) {
                throw new IllegalArgumentException("unknown histogram format " + format);
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String kind = in.readUTF();
                byte[] histogram = in.readNBytes(in.readInt());
                knownKind(kind).ifPresent(k -> encoded.put(k, histogram));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated histogram bytes", e);
        }
        return LatencyHistograms.decodeCompressed(encoded);
    }

    private static Optional<LatencyHistograms.Kind> knownKind(String name) {
        for (LatencyHistograms.Kind kind : LatencyHistograms.Kind.values()) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
