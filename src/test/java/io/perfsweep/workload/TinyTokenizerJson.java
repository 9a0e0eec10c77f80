package io.perfsweep.workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a tiny byte-level BPE {@code tokenizer.json}: ids 0–255 are the bytes, then a few merges, then one special. */
final class TinyTokenizerJson {

    /** Qwen2's split regex, as it appears in Qwen's tokenizer.json. */
    static final String QWEN_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** hello = 259, Ġworld = 264, ", " = 265 (in byte-level spelling ",Ġ"). */
    static final List<String[]> MERGES = List.of(new String[] { "h", "e" }, new String[] { "l", "l" },
            new String[] { "he", "ll" }, new String[] { "hell", "o" }, new String[] { "Ġ", "w" },
            new String[] { "Ġw", "o" }, new String[] { "r", "l" }, new String[] { "Ġwo", "rl" },
            new String[] { "Ġworl", "d" }, new String[] { ",", "Ġ" });
    static final int END_OF_TEXT = 266;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyTokenizerJson() {
    }

    /** Sequence[Split(regex), ByteLevel] as in Qwen2/Llama-3 files. */
    static Path write(Path file, String splitRegex) throws IOException {
        ObjectNode root = base(MERGES, true);
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split").put("behavior", "Isolated").put("invert", false);
        split.putObject("pattern").put("Regex", splitRegex);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /** A file whose JSON was changed by {@code edit} after the standard content was built. */
    static Path write(Path file, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        write(file, QWEN_REGEX);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    static ObjectNode base(List<String[]> merges, boolean stringMerges) {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0").putNull("truncation").putNull("padding");
        root.putArray("added_tokens").addObject().put("id", END_OF_TEXT).put("content", "<|endoftext|>")
                .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false)
                .put("special", true);
        root.putNull("normalizer");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").putNull("unk_token")
                .put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) {
            vocab.put(ByteLevelAlphabet.spell(new byte[] { (byte) b }), b);
        }
        ArrayNode mergeList = model.putArray("merges");
        int id = 256;
        for (String[] merge : merges) {
            vocab.put(merge[0] + merge[1], id++);
            if (stringMerges) {
                mergeList.add(merge[0] + " " + merge[1]);
            } else {
                mergeList.addArray().add(merge[0]).add(merge[1]);
            }
        }
        vocab.put("<|endoftext|>", END_OF_TEXT);
        return root;
    }
}
