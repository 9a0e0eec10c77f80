package io.perfsweep.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds a model's tokenizer without any network access: a local {@code tokenizer.json} (file or directory), then the
 * local Hugging Face hub cache, else the bundled {@code o200k_base} approximation with one warning.
 *
 * <p>
 * The hub cache is {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code ~/.cache/huggingface/hub}; inside it a
 * model id {@code org/name} lives in {@code models--org--name/snapshots/<revision>/tokenizer.json}, and the revision
 * named by {@code refs/main} wins over the others. A tokenizer that is found but is not of a supported kind
 * ({@link TokenizerJsonLoader}) also falls back, and the warning gives the reason.
 */
public final class TokenizerResolver {

    private static final Logger LOG = Logger.getLogger(TokenizerResolver.class.getName());
    private static final String FILE_NAME = "tokenizer.json";

    private final Path hubCache;

    /** Uses {@code hubCache} as the Hugging Face hub cache directory (the one holding {@code models--*}). */
    public TokenizerResolver(Path hubCache) {
        this.hubCache = hubCache;
    }

    /** The hub cache from {@code HF_HUB_CACHE} / {@code HF_HOME} / the default, as {@code huggingface_hub} does. */
    public static TokenizerResolver fromEnvironment() {
        return new TokenizerResolver(hubCache(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    static Path hubCache(Map<String, String> env, Path userHome) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String hfHome = env.get("HF_HOME");
        Path home = hfHome != null && !hfHome.isBlank() ? Path.of(hfHome) : userHome.resolve(".cache/huggingface");
        return home.resolve("hub");
    }

    /** The tokenizer for a model id or a local path; never null, never downloads. */
    public Tokenizer resolve(String modelOrPath) {
        Optional<Path> file = localFile(modelOrPath).or(() -> cachedFile(modelOrPath));
        if (file.isEmpty()) {
            return fallback(modelOrPath, "no tokenizer.json at that path nor in the Hugging Face cache " + hubCache);
        }
        try {
            return TokenizerJsonLoader.load(file.get());
        } catch (UnsupportedTokenizerException e) {
            return fallback(modelOrPath, e.getMessage());
        }
    }

    private static Tokenizer fallback(String model, String reason) {
        LOG.warning(() -> "Tokenizer for '" + model + "' not usable (" + reason + "); using the bundled o200k_base"
                + " tokenizer instead: input and output token counts are APPROXIMATE. Put the model's tokenizer.json"
                + " in the Hugging Face cache or pass its path to get exact counts.");
        return new FallbackTokenizer(model);
    }

    private static Optional<Path> localFile(String modelOrPath) {
        Path path;
        try {
            path = Path.of(modelOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        Path inside = path.resolve(FILE_NAME);
        return Files.isDirectory(path) && Files.isRegularFile(inside) ? Optional.of(inside) : Optional.empty();
    }

    private Optional<Path> cachedFile(String modelId) {
        if (modelId.isBlank() || modelId.startsWith("/") || modelId.contains("..")) {
            return Optional.empty();
        }
        Path repo = hubCache.resolve("models--" + modelId.replace("/", "--"));
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        Optional<Path> preferred = mainRevision(repo).map(rev -> snapshots.resolve(rev).resolve(FILE_NAME))
                .filter(Files::isRegularFile);
        return preferred.or(() -> newestSnapshotFile(snapshots));
    }

    private static Optional<String> mainRevision(Path repo) {
        Path ref = repo.resolve("refs").resolve("main");
        try {
            return Files.isRegularFile(ref) ? Optional.of(Files.readString(ref).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> newestSnapshotFile(Path snapshots) {
        try (Stream<Path> revisions = Files.list(snapshots)) {
            return revisions.map(rev -> rev.resolve(FILE_NAME)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(TokenizerResolver::modified).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + snapshots, e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
