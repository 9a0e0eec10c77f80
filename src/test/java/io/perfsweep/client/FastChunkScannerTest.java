package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast path decodes exactly as Jackson does, or declines: checked on real shapes, every truncation and mutations. */
class FastChunkScannerTest {

    private static final List<String> CORPUS = List.of(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"Qwen/Qwen3-0.6B\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" the\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}]}",
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" of\"},\"logprobs\":null,"
                    + "\"finish_reason\":\"length\"}]}",
            "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":1},\"prompt_tokens_details\":{\"cached_tokens\":8}}}",
            "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" upon\",\"logprobs\":null}]}",
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"think \",\"reasoning\":\"x\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"line\\nbreak \\\"q\\\" \\u00e9\\t\\\\ \\/\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"caf\u00e9\"}}]}",
            "{\"x\":{\"nested\":[1,{\"y\":2.5e-3}],\"t\":true,\"f\":false},\"choices\":[{\"delta\":{\"content\":\"first\","
                    + "\"tool_calls\":[]}},{\"delta\":{\"content\":\"second\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"\",\"reasoning_content\":\"\"}}],\"usage\":null}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":-0}}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":1.5,\"total_tokens\":\"9\"}}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":99999999999}}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":[1]}",
            "{\"choices\":{\"delta\":{\"content\":\"a\"}},\"usage\":7}",
            "{\"choices\":[1,{\"delta\":{\"content\":\"a\"}}]}",
            "{\"choices\":[{\"delta\":\"text\",\"text\":5,\"finish_reason\":{\"a\":1}}]}",
            "{\"error\":{\"message\":\"out of KV cache\",\"code\":500}}",
            "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}",
            "{\"ch\\u006fices\":[{\"delta\":{\"content\":\"escaped name\"}}]}",
            "  {\"choices\" : [ { \"delta\" : { \"content\" : \"spaced\" } } ] }  ",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} trailing",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":nul}", "{\"a\":[1,]}", "{}", "[1,2]", "42", "{\"a\":1");

    @Test
    void realChunksTakeTheFastPath() {
        FastChunkScanner scanner = new FastChunkScanner();
        for (int i : new int[] { 0, 1, 2, 3, 4, 5, 7 }) {
            assertThat(scanner.tryDecode(bytes(CORPUS.get(i)), 0, bytes(CORPUS.get(i)).length)).as(CORPUS.get(i))
                    .isNotNull();
        }
        byte[] chunk = bytes(CORPUS.get(5));
        assertThat(scanner.tryDecode(chunk, 0, chunk.length).content()).isEqualTo("line\nbreak \"q\" \u00e9\t\\ /");
    }

    @Test
    void agreesWithJacksonOnTheCorpusAndEveryTruncation() {
        FastChunkScanner scanner = new FastChunkScanner();
        for (String json : CORPUS) {
            byte[] bytes = bytes(json);
            for (int length = 0; length <= bytes.length; length++) {
                assertAgrees(scanner, bytes, 0, length);
            }
        }
    }

    @Test
    void agreesWithJacksonOnRandomMutationsInsideALargerArray() {
        FastChunkScanner scanner = new FastChunkScanner();
        Random random = new Random(7);
        byte[] alphabet = bytes("{}[]\":,\\ 0123456789-+.eEtrufalsn\u00e9x\n");
        for (int round = 0; round < 20_000; round++) {
            byte[] json = bytes(CORPUS.get(random.nextInt(CORPUS.size())));
            byte[] framed = new byte[json.length + 8];
            System.arraycopy(json, 0, framed, 4, json.length);
            framed[json.length + 4] = '"'; // bytes after the payload must never be read
            framed[json.length + 5] = '}';
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                framed[4 + random.nextInt(json.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            assertAgrees(scanner, framed, 4, json.length);
        }
    }

    private static void assertAgrees(FastChunkScanner scanner, byte[] bytes, int offset, int length) {
        DecodedChunk fast = scanner.tryDecode(bytes, offset, length);
        if (fast == null) {
            return; // declined: the general decoder decides
        }
        String input = new String(bytes, offset, length, StandardCharsets.UTF_8);
        try {
            assertThat(fast).as(input).isEqualTo(ChunkDecoder.decode(bytes, offset, length));
        } catch (IOException e) {
            throw new AssertionError("fast path accepted what Jackson rejects: " + input, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
