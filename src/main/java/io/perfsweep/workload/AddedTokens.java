package io.perfsweep.workload;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.knuddels.jtokkit.api.IntArrayList;

/**
 * Added/special tokens matched literally in the text before BPE, as HF tokenizers does (leftmost, then longest).
 */
final class AddedTokens {

    private final String[] contents;
    private final int[] ids;
    private final Map<Integer, byte[]> bytesById = new LinkedHashMap<>();
    private final String firstChars;

    AddedTokens(Map<String, Integer> idByContent) {
        // Longest first, so "<|im_end|>" wins over a hypothetical "<|im" at the same position.
        List<Map.Entry<String, Integer>> sorted = idByContent.entrySet().stream()
                .filter(e -> !e.getKey().isEmpty())
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getKey().length()))
                .toList();
        contents = new String[sorted.size()];
        ids = new int[sorted.size()];
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            contents[i] = sorted.get(i).getKey();
            ids[i] = sorted.get(i).getValue();
            bytesById.put(ids[i], contents[i].getBytes(StandardCharsets.UTF_8));
            if (first.indexOf(contents[i].substring(0, 1)) < 0) {
                first.append(contents[i].charAt(0));
            }
        }
        firstChars = first.toString();
    }

    /** The UTF-8 bytes of an added token, or null when {@code id} is not one. */
    byte[] bytesOf(int id) {
        return bytesById.get(id);
    }

    /** The id of the added token spelled exactly {@code content}, or -1. */
    int idOf(String content) {
        for (int i = 0; i < contents.length; i++) {
            if (contents[i].equals(content)) {
                return ids[i];
            }
        }
        return -1;
    }

    /** Encodes {@code text}: added tokens become their id, the gaps between them go through {@code ordinary}. */
    int[] encode(String text, Function<String, IntArrayList> ordinary) {
        if (contents.length == 0) {
            return ordinary.apply(text).toArray();
        }
        IntArrayList out = null;
        int gapStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (firstChars.indexOf(text.charAt(i)) < 0) {
                continue;
            }
            int match = matchAt(text, i);
            if (match >= 0) {
                out = out == null ? new IntArrayList() : out;
                append(out, ordinary, text, gapStart, i);
                out.add(ids[match]);
                i += contents[match].length() - 1;
                gapStart = i + 1;
            }
        }
        if (out == null) {
            return ordinary.apply(text).toArray();
        }
        append(out, ordinary, text, gapStart, text.length());
        return out.toArray();
    }

    private int matchAt(String text, int at) {
        for (int k = 0; k < contents.length; k++) {
            if (text.startsWith(contents[k], at)) {
                return k;
            }
        }
        return -1;
    }

    private static void append(IntArrayList out, Function<String, IntArrayList> ordinary, String text, int from,
            int to) {
        if (from < to) {
            IntArrayList part = ordinary.apply(text.substring(from, to));
            for (int i = 0; i < part.size(); i++) {
                out.add(part.get(i));
            }
        }
    }
}
