package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerResolverTest {

    @TempDir
    Path hfHome;

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(TokenizerResolver.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    @Test
    void loadsALocalFileOrDirectory() throws IOException {
        Path file = TinyTokenizerJson.write(hfHome.resolve("tokenizer.json"), TinyTokenizerJson.QWEN_REGEX);
        TokenizerResolver resolver = new TokenizerResolver(hfHome.resolve("hub"));

        assertThat(resolver.resolve(file.toString()).encode("hello world")).containsExactly(259, 264);
        assertThat(resolver.resolve(hfHome.toString()).fallback()).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void findsTheRevisionNamedByRefsMainInTheHubCache() throws IOException {
        Path repo = hfHome.resolve("hub/models--Qwen--Qwen3-0.6B");
        Path main = Files.createDirectories(repo.resolve("snapshots/abc123"));
        Path other = Files.createDirectories(repo.resolve("snapshots/zzz999"));
        TinyTokenizerJson.write(main.resolve("tokenizer.json"), TinyTokenizerJson.QWEN_REGEX);
        // The other revision splits only letters, so "a, b" tells the two apart.
        TinyTokenizerJson.write(other.resolve("tokenizer.json"), "\\p{L}+");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "abc123\n");

        Tokenizer t = new TokenizerResolver(hfHome.resolve("hub")).resolve("Qwen/Qwen3-0.6B");

        assertThat(t.fallback()).isFalse();
        assertThat(t.name()).contains("abc123");
        assertThat(t.encode("hello, world")).containsExactly(259, 44, 264);
    }

    @Test
    void usesAnySnapshotWhenThereIsNoRef() throws IOException {
        Path snapshot = Files.createDirectories(hfHome.resolve("hub/models--org--m/snapshots/r1"));
        TinyTokenizerJson.write(snapshot.resolve("tokenizer.json"), TinyTokenizerJson.QWEN_REGEX);

        assertThat(new TokenizerResolver(hfHome.resolve("hub")).resolve("org/m").fallback()).isFalse();
    }

    @Test
    void fallsBackToO200kWithOneWarningWhenNothingIsCached() {
        Tokenizer t = new TokenizerResolver(hfHome.resolve("hub")).resolve("meta-llama/Llama-3.1-8B-Instruct");

        assertThat(t.fallback()).isTrue();
        assertThat(t.name()).contains("o200k_base", "meta-llama/Llama-3.1-8B-Instruct");
        assertThat(t.encode("hello world")).containsExactly(24912, 2375);
        assertThat(t.decode(t.encode("hello<|endoftext|> world"))).isEqualTo("hello<|endoftext|> world");
        assertThat(warnings).singleElement().extracting(LogRecord::getMessage).asString()
                .contains("meta-llama/Llama-3.1-8B-Instruct", "APPROXIMATE");
    }

    @Test
    void fallsBackWithTheReasonWhenTheTokenizerKindIsUnsupported() throws IOException {
        Path file = TinyTokenizerJson.write(hfHome.resolve("tokenizer.json"),
                root -> root.putObject("pre_tokenizer").put("type", "Metaspace"));

        Tokenizer t = new TokenizerResolver(hfHome.resolve("hub")).resolve(file.toString());

        assertThat(t.fallback()).isTrue();
        assertThat(warnings).singleElement().extracting(LogRecord::getMessage).asString().contains("Metaspace");
    }

    @Test
    void hubCacheHonoursHfHubCacheThenHfHome() {
        Path home = Path.of("/home/u");

        assertThat(TokenizerResolver.hubCache(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), home))
                .isEqualTo(Path.of("/c"));
        assertThat(TokenizerResolver.hubCache(Map.of("HF_HOME", "/h"), home)).isEqualTo(Path.of("/h/hub"));
        assertThat(TokenizerResolver.hubCache(Map.of(), home)).isEqualTo(Path.of("/home/u/.cache/huggingface/hub"));
    }
}
