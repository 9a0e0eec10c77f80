package io.perfsweep.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JMH benchmark of the per-chunk work on the client's measuring path (the event loop that stamps every SSE event):
 * decoding one {@code data:} payload. {@code jackson} is {@link ChunkDecoder} alone; {@code scannerThenJackson} is
 * what {@link ChunkCollector} does: {@link FastChunkScanner} first, and Jackson when it declines.
 * One invocation decodes a whole stream as a server sends it ({@value #CHUNKS} chunks: a role chunk, the content chunks,
 * the last with its finish reason, and a usage chunk), each payload inside the one byte array its transcript arrived
 * in; the score is per chunk. Not part of the test run: {@code bash src/bench/chunk-decoder-benchmark.sh} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5)
public class ChunkDecodeBenchmark {

    private static final int TOKENS = 128;
    static final int CHUNKS = TOKENS + 2;

    /** Tokens as a chat model streams them: leading spaces, punctuation, a newline and quotes that JSON escapes. */
    private static final String[] ASCII_TOKENS = { " The", " benchmark", " measures", " time", " to", " first", " token",
            ",", " inter", "-token", " latency", " and", " throughput", ".", "\n\n", "It", " sends", " \"", "streaming",
            "\"", " requests", " to", " an", " Open", "AI", "-compatible", " endpoint", ":", " v", "LLM", ",", " SG",
            "Lang", " or", " Dynamo", "'s", " frontend", "." };
    /** Tokens with non-ASCII text, as servers send it: raw UTF-8, not {@code \\u} escapes. */
    private static final String[] NON_ASCII_TOKENS = { "\u2019s", " \u2014", " caf\u00e9", " na\u00efve", "\u201c",
            "\u201d", " \u00b5s", " \u4f60\u597d" };

    /**
     * The server's chunk shape: vLLM's chat chunks ({@code exclude_unset}: only the fields set), the same with a
     * reasoning parser (the first half of the tokens as {@code reasoning_content}), vLLM's text completions, and
     * Dynamo's chat chunks (serde: every optional field present, most of them null).
     */
    @Param({ "vllm-chat", "vllm-chat-reasoning", "vllm-completions", "dynamo-chat" })
    public String format;

    /** A Chinese answer: every token non-ASCII. */
    private static final String[] CJK_TOKENS = { "\u57fa\u51c6", "\u6d4b\u8bd5", "\u8861\u91cf", "\u9996",
            "\u4e2a", "\u8bcd\u5143", "\u7684", "\u65f6\u95f4", "\uff0c", "\u5ef6\u8fdf", "\u548c",
            "\u541e\u5410", "\u91cf", "\u3002" };

    /**
     * {@code ascii}: every token ASCII; {@code mixed}: one token in 16 with non-ASCII text (curly quotes, accents);
     * {@code cjk}: every token non-ASCII, as in a Chinese answer.
     */
    @Param({ "ascii", "mixed", "cjk" })
    public String text;

    private byte[] transcript;
    private int[] offsets;
    private int[] lengths;
    private FastChunkScanner scanner;

    @Setup
    public void setUp() throws IOException {
        List<String> payloads = stream(format, text);
        if (payloads.size() != CHUNKS) {
            throw new IllegalStateException(payloads.size() + " chunks, not " + CHUNKS);
        }
        StringBuilder sse = new StringBuilder();
        offsets = new int[payloads.size()];
        lengths = new int[payloads.size()];
        int at = 0;
        for (int i = 0; i < payloads.size(); i++) {
            byte[] prefix = "data: ".getBytes(StandardCharsets.UTF_8);
            byte[] payload = payloads.get(i).getBytes(StandardCharsets.UTF_8);
            offsets[i] = at + prefix.length;
            lengths[i] = payload.length;
            at += prefix.length + payload.length + 2;
            sse.append("data: ").append(payloads.get(i)).append("\n\n");
        }
        transcript = sse.toString().getBytes(StandardCharsets.UTF_8);
        scanner = new FastChunkScanner();
        // both paths must give the same chunks, or the comparison means nothing
        for (int i = 0; i < offsets.length; i++) {
            DecodedChunk fast = scanner.tryDecode(transcript, offsets[i], lengths[i]);
            DecodedChunk slow = ChunkDecoder.decode(transcript, offsets[i], lengths[i]);
            if (fast != null && !fast.equals(slow)) {
                throw new IllegalStateException("the paths disagree on " + payloads.get(i));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void jackson(Blackhole sink) throws IOException {
        for (int i = 0; i < offsets.length; i++) {
            sink.consume(ChunkDecoder.decode(transcript, offsets[i], lengths[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void scannerThenJackson(Blackhole sink) throws IOException {
        for (int i = 0; i < offsets.length; i++) {
            DecodedChunk chunk = scanner.tryDecode(transcript, offsets[i], lengths[i]);
            sink.consume(chunk != null ? chunk : ChunkDecoder.decode(transcript, offsets[i], lengths[i]));
        }
    }

    /** The {@code data:} payloads of one stream, in order. */
    static List<String> stream(String format, String text) {
        boolean chat = !format.equals("vllm-completions");
        boolean dynamo = format.equals("dynamo-chat");
        String head = dynamo ? "{\"id\":\"chatcmpl-5f8e2c1a9b7d4e3f\","
                : "{\"id\":\"" + (chat ? "chatcmpl" : "cmpl") + "-5f8e2c1a9b7d4e3f8a6b\",\"object\":\""
                        + (chat ? "chat.completion.chunk" : "text_completion")
                        + "\",\"created\":1733500000,\"model\":\"Qwen/Qwen3-0.6B\",";
        String dynamoTail = ",\"created\":1733500000,\"model\":\"Qwen/Qwen3-0.6B\",\"service_tier\":null,"
                + "\"system_fingerprint\":null,\"object\":\"chat.completion.chunk\",\"usage\":null}";
        List<String> payloads = new ArrayList<>();
        if (chat) {
            payloads.add(dynamo
                    ? head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"function_call\":null,"
                            + "\"tool_calls\":null,\"role\":\"assistant\",\"refusal\":null,\"reasoning_content\":null},"
                            + "\"finish_reason\":null,\"logprobs\":null}]" + dynamoTail
                    : head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                            + "\"logprobs\":null,\"finish_reason\":null}]}");
        }
        int tokens = chat ? TOKENS : TOKENS + 1; // completions have no role chunk: every stream is CHUNKS long
        for (int i = 0; i < tokens; i++) {
            String token = switch (text) {
                case "cjk" -> CJK_TOKENS[i % CJK_TOKENS.length];
                case "mixed" -> i % 16 == 7 ? NON_ASCII_TOKENS[(i / 16) % NON_ASCII_TOKENS.length]
                        : ASCII_TOKENS[i % ASCII_TOKENS.length];
                default -> ASCII_TOKENS[i % ASCII_TOKENS.length];
            };
            String quoted = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(token)) + "\"";
            boolean last = i == tokens - 1;
            String finish = last ? "\"length\"" : "null";
            if (dynamo) {
                payloads.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quoted
                        + ",\"function_call\":null,\"tool_calls\":null,\"role\":null,\"refusal\":null,"
                        + "\"reasoning_content\":null},\"finish_reason\":" + finish + ",\"logprobs\":null}]"
                        + dynamoTail);
            } else if (chat) {
                String field = format.equals("vllm-chat-reasoning") && i < TOKENS / 2 ? "reasoning_content"
                        : "content";
                payloads.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"" + field + "\":" + quoted
                        + "},\"logprobs\":null,\"finish_reason\":" + finish
                        + (last ? ",\"stop_reason\":null" : "") + "}]}");
            } else {
                payloads.add(head + "\"choices\":[{\"index\":0,\"text\":" + quoted + ",\"logprobs\":null,"
                        + "\"finish_reason\":" + finish + ",\"stop_reason\":null}]}");
            }
        }
        String usage = "{\"prompt_tokens\":2000,\"total_tokens\":" + (2000 + tokens) + ",\"completion_tokens\":" + tokens
                + (dynamo ? ",\"prompt_tokens_details\":null,\"completion_tokens_details\":null}" : "}");
        payloads.add(dynamo ? head + "\"choices\":[]" + dynamoTail.replace("\"usage\":null", "\"usage\":" + usage)
                : head + "\"choices\":[],\"usage\":" + usage + "}");
        return payloads;
    }
}
