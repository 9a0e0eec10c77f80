package io.perfsweep.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.perfsweep.config.PerfsweepConfig;

/**
 * Turns {@code perfsweep.nats.*} into jnats {@link Options}: the server URLs, at most one kind of credentials
 * (user/password, token, nkey seed file, {@code .creds} file) and TLS from PEM files. Secrets go into the options
 * only: {@link #describe()} and every error name the kind of credentials and the file or key, never a value.
 */
public final class NatsConnectionOptions {

    private final PerfsweepConfig.Nats config;
    private final ConnectProblems problems = new ConnectProblems();

    public NatsConnectionOptions(PerfsweepConfig.Nats config) {
        this.config = config;
    }

    /** The jnats options; throws {@link IllegalStateException} naming the key when the configuration is unusable. */
    public Options build() {
        var builder = new Options.Builder().server(config.url()).connectionName("perfsweep").maxReconnects(-1)
                .reconnectWait(Duration.ofSeconds(1)).errorListener(problems);
        List<String> kinds = credentialKinds();
        if (kinds.size() > 1) {
            throw new IllegalStateException("configure one kind of NATS credentials, found " + String.join(" and ",
                    kinds));
        }
        if (config.username().isPresent() != config.password().isPresent()) {
            throw new IllegalStateException(
                    "perfsweep.nats.username and perfsweep.nats.password must be configured together");
        }
        config.username().ifPresent(user -> builder.userInfo(user, config.password().orElseThrow()));
        config.token().ifPresent(token -> builder.token(token.toCharArray()));
        config.nkeySeedFile().ifPresent(file -> builder.authHandler(nkeyAuth(readable(file,
                "perfsweep.nats.nkey-seed-file"))));
        config.credsFile().ifPresent(file -> builder
                .authHandler(Nats.credentials(readable(file, "perfsweep.nats.creds-file").toString())));
        tls().ifPresent(builder::sslContext);
        return builder.build();
    }

    /** The URLs without any user info, and the kind of credentials and TLS in use: safe for logs and errors. */
    public String describe() {
        List<String> kinds = credentialKinds();
        String auth = kinds.isEmpty() ? "no credentials" : String.join(", ", kinds);
        var tls = config.tls();
        String transport = tls.certFile().isPresent() ? "mutual TLS"
                : tls.caFile().isPresent() || config.url().contains("tls://") ? "TLS" : "plain TCP";
        return redactedUrl(config.url()) + " (" + auth + ", " + transport + ")";
    }

    /** Why connecting with these options failed, the problem named first (refused credentials, TLS handshake). */
    public String explain(Throwable failure) {
        String explained = problems.explain(failure);
        boolean tlsWithoutClientCertificate = describe().endsWith(", TLS)");
        if (tlsWithoutClientCertificate && !explained.startsWith("the ")) {
            // a server demanding mutual TLS just closes the connection; the client only sees it end
            return explained + " (a server that requires mutual TLS closes connections without a client certificate:"
                    + " perfsweep.nats.tls.cert-file and key-file)";
        }
        return explained;
    }

    /** {@code nats://user:secret@host:4222,…} → {@code nats://***@host:4222,…}. */
    public static String redactedUrl(String urls) {
        return urls.replaceAll("(?<=://)[^/@,]*@", "***@");
    }

    private List<String> credentialKinds() {
        List<String> kinds = new ArrayList<>();
        if (config.username().isPresent() || config.password().isPresent()) {
            kinds.add("user/password (perfsweep.nats.username" + config.username().map(u -> " '" + u + "'").orElse("")
                    + ")");
        }
        config.token().ifPresent(t -> kinds.add("token (perfsweep.nats.token)"));
        config.nkeySeedFile().ifPresent(f -> kinds.add("nkey seed (perfsweep.nats.nkey-seed-file = " + f + ")"));
        config.credsFile().ifPresent(f -> kinds.add("creds file (perfsweep.nats.creds-file = " + f + ")"));
        if (redactedUrl(config.url()).contains("***@")) {
            kinds.add("user info in perfsweep.nats.url");
        }
        return kinds;
    }

    private Optional<javax.net.ssl.SSLContext> tls() {
        var tls = config.tls();
        if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
            throw new IllegalStateException(
                    "perfsweep.nats.tls.cert-file and perfsweep.nats.tls.key-file must be configured together");
        }
        if (tls.caFile().isEmpty() && tls.certFile().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PemTls.context(tls.caFile().map(f -> readable(f, "perfsweep.nats.tls.ca-file")),
                tls.certFile().map(f -> readable(f, "perfsweep.nats.tls.cert-file")),
                tls.keyFile().map(f -> readable(f, "perfsweep.nats.tls.key-file"))));
    }

    private static Path readable(String file, String key) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalStateException(key + " = " + file + " is not a readable file");
        }
        return path;
    }

    /** Signs the server's nonce with the seed's key pair; the seed is read once and held only by the key. */
    private static AuthHandler nkeyAuth(Path seedFile) {
        NKey key;
        try {
            key = NKey.fromSeed(Files.readString(seedFile).strip().toCharArray());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("perfsweep.nats.nkey-seed-file = " + seedFile
                    + " holds no valid nkey seed (SU...)", e);
        }
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return key.sign(nonce);
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("cannot sign the NATS nonce with the nkey", e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return key.getPublicKey();
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("cannot derive the public nkey", e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }
}
