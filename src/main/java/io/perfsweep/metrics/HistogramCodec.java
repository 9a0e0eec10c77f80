package io.perfsweep.metrics;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/** Converts HdrHistograms to and from HdrHistogram's compressed (deflated) encoding for storage. */
public final class HistogramCodec {

    private HistogramCodec() {
    }

    /** The histogram in {@code encodeIntoCompressedByteBuffer} form, readable by any HdrHistogram implementation. */
    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Decodes bytes written by {@link #encode}; the result auto-resizes so more values can be recorded or merged.
     *
     * @throws IllegalArgumentException when the bytes are not a compressed histogram
     */
    public static Histogram decode(byte[] compressed) {
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
    }
}
