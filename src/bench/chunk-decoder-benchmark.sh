#!/usr/bin/env bash
# JMH benchmark of decoding SSE chunks on the client's measuring path (ChunkDecodeBenchmark, in src/test/java; not part
# of the test run): compiles the tests with JMH's annotation processor (the jmh profile), runs JMH with the gc profiler
# (allocation per chunk) and, where `perf` works, perfnorm's task-clock (CPU time of the benchmark JVM per chunk, GC
# and JIT threads included: on a shared, busy machine it moves far less than the wall time), then removes the
# generated harness so that later test runs do not see it.
# Arguments go to JMH, e.g. -f 1 -wi 2 -i 3 for a quicker look, or -p format=vllm-chat.
# Usage: bash src/bench/chunk-decoder-benchmark.sh [JMH options]     Results: docs/benchmarks.md, "Chunk decoding".
set -euo pipefail
cd "$(dirname "$0")/../.."
# BENCHMARK: the JMH class to run, ChunkDecodeBenchmark (default) or SseFeedBenchmark (a read handed to the parser
# in place or copied).
BENCHMARK=${BENCHMARK:-ChunkDecodeBenchmark}

CLASSES=target/test-classes
GENERATED=(target/generated-test-sources/test-annotations/io/perfsweep/client/jmh_generated
    $CLASSES/io/perfsweep/client/jmh_generated $CLASSES/META-INF/BenchmarkList $CLASSES/META-INF/CompilerHints)
cleanup() {
    rm -rf "${GENERATED[@]}" $CLASSES/io/perfsweep/client/*Benchmark*.class
}
trap cleanup EXIT
cleanup # javac runs the annotation processor only when it compiles again

./mvnw -B -q -Pjmh -Dno-format test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/jmh-classpath.txt >&2
PROFILERS=(-prof gc)
if perf stat -e task-clock true >/dev/null 2>&1; then
    PROFILERS+=(-prof perfnorm:events=task-clock)
else
    echo "no working perf (Debian package linux-perf): wall time and allocation only" >&2
fi
echo "$(nproc) cores, $(java -version 2>&1 | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -cp "$CLASSES:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$BENCHMARK" \
    "${PROFILERS[@]}" -rf json -rff "target/$BENCHMARK.json" "$@"
