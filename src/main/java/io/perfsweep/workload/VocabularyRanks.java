package io.perfsweep.workload;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A byte-level BPE vocabulary as tiktoken mergeable ranks (bytes to id), checked to follow its merge list.
 */
record VocabularyRanks(Map<byte[], Integer> rankByBytes, byte[][] bytesById) {

    /** Reads {@code model.vocab}, skipping {@code addedIds}, and verifies {@code model.merges} against the ids. */
    static VocabularyRanks of(JsonNode model, Collection<Integer> addedIds, String where) {
        Set<Integer> added = new HashSet<>(addedIds);
        Map<String, Integer> idByToken = new HashMap<>();
        Map<byte[], Integer> rankByBytes = new HashMap<>();
        int maxId = added.stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            idByToken.put(entry.getKey(), entry.getValue().asInt());
            maxId = Math.max(maxId, entry.getValue().asInt());
        }
        byte[][] bytesById = new byte[maxId + 1][];
        boolean[] singleByte = new boolean[256];
        for (Map.Entry<String, Integer> entry : idByToken.entrySet()) {
            if (added.contains(entry.getValue())) {
                continue;
            }
            byte[] bytes = ByteLevelAlphabet.bytesOf(entry.getKey());
            if (bytes == null) {
                throw TokenizerJsonLoader.unsupported(where,
                        "vocab token '" + entry.getKey() + "' is not spelled in the byte-level alphabet");
            }
            bytesById[entry.getValue()] = bytes;
            rankByBytes.put(bytes, entry.getValue());
            if (bytes.length == 1) {
                singleByte[bytes[0] & 0xFF] = true;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!singleByte[b]) {
                throw TokenizerJsonLoader.unsupported(where, "no vocab token for the single byte " + b);
            }
        }
        verifyMergeOrder(model.path("merges"), idByToken, where);
        return new VocabularyRanks(rankByBytes, bytesById);
    }

    /**
     * tiktoken merges by the id of the result, HF by the position in the merge list: the two agree when result ids
     * never decrease along the list (tiktoken-converted files list one merge per split, so equal ids repeat; their
     * parts may even have larger ids than the result, as in o200k).
     */
    private static void verifyMergeOrder(JsonNode merges, Map<String, Integer> idByToken, String where) {
        int previous = -1;
        int index = 0;
        for (JsonNode merge : merges) {
            String left;
            String right;
            if (merge.isArray()) {
                left = merge.path(0).asText();
                right = merge.path(1).asText();
            } else {
                String text = merge.asText();
                int space = text.indexOf(' ');
                left = space < 0 ? text : text.substring(0, space);
                right = space < 0 ? "" : text.substring(space + 1);
            }
            Integer leftId = idByToken.get(left);
            Integer rightId = idByToken.get(right);
            Integer resultId = idByToken.get(left + right);
            if (leftId == null || rightId == null || resultId == null) {
                throw TokenizerJsonLoader.unsupported(where, "merge #" + index + " '" + left + " " + right
                        + "' uses or makes a token missing from the vocab");
            }
            if (resultId < previous) {
                throw TokenizerJsonLoader.unsupported(where, "merge #" + index + " '" + left + " " + right
                        + "' -> id " + resultId + ": token ids do not follow merge order, so ranks cannot be ids");
            }
            previous = resultId;
            index++;
        }
    }
}
