package io.perfsweep.workload;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/** The offline stand-in: jtokkit's {@code o200k_base} (bundled in its jar); counts are only approximate. */
final class FallbackTokenizer implements Tokenizer {

    private static final int END_OF_TEXT_ID = 199_999;
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private final String name;
    private final AddedTokens specials = new AddedTokens(
            Map.of("<|endoftext|>", END_OF_TEXT_ID, "<|endofprompt|>", 200_018));

    FallbackTokenizer(String model) {
        this.name = "o200k_base (approximate fallback for " + model + ")";
    }

    @Override
    public int[] encode(String text) {
        return specials.encode(text, O200K::encodeOrdinary);
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        IntArrayList run = new IntArrayList();
        for (int id : ids) {
            byte[] special = specials.bytesOf(id);
            if (special == null) {
                run.add(id);
                continue;
            }
            out.append(O200K.decode(run)).append(new String(special, StandardCharsets.UTF_8));
            run.clear();
        }
        return out.append(O200K.decode(run)).toString();
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
