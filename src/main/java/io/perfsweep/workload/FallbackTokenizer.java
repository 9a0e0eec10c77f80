package io.perfsweep.workload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;

import io.perfsweep.encoding.O200kBase;

/** The offline stand-in: jtokkit's {@code o200k_base} (bundled in its jar); counts are only approximate. */
final class FallbackTokenizer implements Tokenizer {

    private static final int END_OF_TEXT_ID = 199_999;
    private static final int END_OF_PROMPT_ID = 200_018;
    private static final Encoding O200K = O200kBase.encoding();
    private static final AddedTokens SPECIALS = new AddedTokens(
            Map.of("<|endoftext|>", END_OF_TEXT_ID, "<|endofprompt|>", END_OF_PROMPT_ID));
    private static final byte[][] BYTES_BY_ID = new byte[END_OF_PROMPT_ID + 1][];

    private final String name;

    FallbackTokenizer(String model) {
        this.name = "o200k_base (approximate fallback for " + model + ")";
    }

    @Override
    public int[] encode(String text) {
        return SPECIALS.encode(text, O200K::encodeOrdinary);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            out.writeBytes(bytesOf(id));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** jtokkit's list-based decode is slow for long prompts, so each id's bytes are looked up once and kept. */
    private static byte[] bytesOf(int id) {
        if (id < 0 || id >= BYTES_BY_ID.length) {
            throw new IllegalArgumentException("Token id " + id + " is not in o200k_base");
        }
        byte[] bytes = BYTES_BY_ID[id];
        if (bytes == null) {
            // A benign race: two threads may both compute the same immutable value.
            IntArrayList single = new IntArrayList(1);
            single.add(id);
            bytes = id == END_OF_TEXT_ID || id == END_OF_PROMPT_ID ? SPECIALS.bytesOf(id) : O200K.decodeBytes(single);
            BYTES_BY_ID[id] = bytes;
        }
        return bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public OptionalInt separatorTokenId() {
        return OptionalInt.of(END_OF_TEXT_ID);
    }
}
