#!/usr/bin/env bash
# datagen benchmark: writes a Mooncake-shaped trace of ROWS lines (default 24,000: each row one of 50 shared 12-block
# prefixes plus unique blocks, like mooncake_trace.jsonl) and runs `datagen analyze` on it three times; the command
# prints how long reading and analysing took once the JVM runs ("Read N rows in X ms, analysed them in Y ms").
# Usage: src/bench/datagen-benchmark.sh    (builds target/quarkus-app first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-24000}
JAR=target/quarkus-app/quarkus-run.jar
[[ -f $JAR ]] || ./mvnw -B -q package -DskipTests
TRACE=$(mktemp --suffix=.jsonl)
trap 'rm -f "$TRACE"' EXIT
awk -v rows="$ROWS" 'BEGIN {
    srand(7); unique = 1000000
    for (i = 0; i < rows; i++) {
        prefix = i % 50; ids = ""
        for (b = 0; b < 12; b++) ids = ids (b ? "," : "") (prefix * 12 + b)
        extra = 1 + int(rand() * 8)
        for (b = 0; b < extra; b++) ids = ids "," (unique++)
        blocks = 12 + extra; isl = (blocks - 1) * 512 + 1 + int(rand() * 512)
        printf "{\"timestamp\": %d, \"input_length\": %d, \"output_length\": %d, \"hash_ids\": [%s]}\n", i * 50, isl, 1 + int(rand() * 500), ids
    }
}' > "$TRACE"
for run in 1 2 3; do
    java -jar "$JAR" datagen analyze --input-file "$TRACE" --block-size 512 2>&1 >/dev/null | grep "^Read "
done
