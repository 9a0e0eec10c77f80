package io.perfsweep.client;

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

import io.vertx.core.buffer.Buffer;

/**
 * JMH benchmark of handing a network read to {@link SseParser}: {@code inPlace} is what the client does (the parser
 * reads the heap array behind Vert.x's buffer, through the internal {@code BufferImpl}), {@code copied} what the
 * public API allows ({@link Buffer#getBytes()}, a copy of every read). The stream is vLLM's chat stream of
 * {@code ChunkDecodeBenchmark} ({@value #CHUNKS} events), cut into reads of one event (a server that writes each
 * token) or sixteen (the mock's zero-delay batches); the score is per event. Not part of the test run:
 * {@code BENCHMARK=SseFeedBenchmark bash src/bench/chunk-decoder-benchmark.sh} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SseFeedBenchmark {

    private static final int CHUNKS = ChunkDecodeBenchmark.CHUNKS;

    @Param({ "1", "16" })
    public int eventsPerRead;

    private Buffer[] reads;
    private SseParser parser;
    private long dataBytes;

    @Setup
    public void setUp() {
        List<String> payloads = ChunkDecodeBenchmark.stream("vllm-chat", "ascii");
        if (payloads.size() != CHUNKS) {
            throw new IllegalStateException(payloads.size() + " chunks, not " + CHUNKS);
        }
        List<Buffer> cut = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i += eventsPerRead) {
            StringBuilder read = new StringBuilder();
            for (String payload : payloads.subList(i, Math.min(i + eventsPerRead, payloads.size()))) {
                read.append("data: ").append(payload).append("\n\n");
            }
            cut.add(Buffer.buffer(read.toString().getBytes(StandardCharsets.UTF_8)));
        }
        reads = cut.toArray(Buffer[]::new);
        parser = new SseParser((data, offset, length, nanos) -> dataBytes += length);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long inPlace() {
        for (Buffer read : reads) {
            parser.feed(read, 0L);
        }
        return dataBytes;
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long copied() {
        for (Buffer read : reads) {
            parser.feed(read.getBytes(), 0L);
        }
        return dataBytes;
    }
}
