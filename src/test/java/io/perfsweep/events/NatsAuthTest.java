package io.perfsweep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nats.client.NKey;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.testsupport.NatsServerProcess;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Each kind of NATS credentials and TLS, configured under {@code perfsweep.nats.*}, against a real nats-server that
 * demands it: the right material connects and JetStream works; wrong or missing material fails with a message that
 * names the server, the kind of credentials and the problem, and never the secret.
 */
class NatsAuthTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static NatsServerProcess userPassword;
    private static NatsServerProcess token;
    private static NatsServerProcess nkey;
    private static NatsServerProcess tls;
    private static NatsServerProcess mutualTls;

    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String TOKEN = "tok-" + UUID.randomUUID();
    private static NKey user;

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.create(dir.resolve("pki"));
        user = NKey.createUser(new SecureRandom());
        userPassword = NatsServerProcess.start(dir,
                "authorization { user: perfsweep, password: \"" + PASSWORD + "\" }");
        token = NatsServerProcess.start(dir, "authorization { token: \"" + TOKEN + "\" }");
        nkey = NatsServerProcess.start(dir,
                "authorization { users = [ { nkey: " + new String(user.getPublicKey()) + " } ] }");
        tls = NatsServerProcess.start(dir, "tls { cert_file: \"" + certificates.serverCert() + "\", key_file: \""
                + certificates.serverKey() + "\" }");
        mutualTls = NatsServerProcess.start(dir, "tls { cert_file: \"" + certificates.serverCert() + "\", key_file: \""
                + certificates.serverKey() + "\", ca_file: \"" + certificates.caCert() + "\", verify: true }");
    }

    @AfterAll
    static void stopServers() {
        for (var server : new NatsServerProcess[] { userPassword, token, nkey, tls, mutualTls }) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void userAndPasswordConnectAndAWrongOrMissingPasswordIsRefusedWithoutShowingIt() {
        String url = userPassword.url("nats");
        assertJetStreamWorks(config(url, "perfsweep.nats.username", "perfsweep", "perfsweep.nats.password", PASSWORD));

        String wrong = "wrong-" + UUID.randomUUID();
        assertRefused(config(url, "perfsweep.nats.username", "perfsweep", "perfsweep.nats.password", wrong),
                "the server refused the credentials", "user/password (perfsweep.nats.username 'perfsweep')", wrong);
        assertRefused(config(url), "the server refused the credentials", "no credentials", PASSWORD);
    }

    @Test
    void credentialsInTheUrlWorkAndAreNeverShown() {
        String url = "nats://perfsweep:" + PASSWORD + "@127.0.0.1:" + userPassword.port();
        var options = new NatsConnectionOptions(config(url).nats());
        assertThat(options.describe()).doesNotContain(PASSWORD).contains("nats://***@127.0.0.1:")
                .contains("user info in perfsweep.nats.url");
        assertJetStreamWorks(config(url));

        String wrong = "nats://perfsweep:wrong-secret@127.0.0.1:" + userPassword.port();
        assertRefused(config(wrong), "the server refused the credentials", "nats://***@127.0.0.1", "wrong-secret");
    }

    @Test
    void aTokenConnectsAndAWrongOneIsRefusedWithoutShowingIt() {
        String url = token.url("nats");
        assertJetStreamWorks(config(url, "perfsweep.nats.token", TOKEN));

        String wrong = "tok-" + UUID.randomUUID();
        assertRefused(config(url, "perfsweep.nats.token", wrong), "the server refused the credentials",
                "token (perfsweep.nats.token)", wrong);
        assertRefused(config(url), "the server refused the credentials", "no credentials", TOKEN);
    }

    @Test
    void anNkeySeedFileConnectsAndAnUnknownKeyIsRefusedWithoutShowingTheSeed() throws Exception {
        String url = nkey.url("nats");
        Path seed = write("user.nk", new String(user.getSeed()));
        assertJetStreamWorks(config(url, "perfsweep.nats.nkey-seed-file", seed.toString()));

        NKey stranger = NKey.createUser(new SecureRandom());
        Path strangerSeed = write("stranger.nk", new String(stranger.getSeed()));
        assertRefused(config(url, "perfsweep.nats.nkey-seed-file", strangerSeed.toString()),
                "the server refused the credentials", "nkey seed (perfsweep.nats.nkey-seed-file = " + strangerSeed,
                new String(stranger.getSeed()));

        Path notASeed = write("not-a-seed.nk", "SUNOTASEED");
        assertThatThrownBy(() -> new NatsConnectionOptions(config(url, "perfsweep.nats.nkey-seed-file",
                notASeed.toString()).nats()).build()).hasMessage("perfsweep.nats.nkey-seed-file = " + notASeed
                        + " holds no valid nkey seed (SU...)");
    }

    @Test
    void aCredsFileConnectsToAnOperatorModeServerAndOneFromAnUntrustedAccountIsRefused() throws Exception {
        var trusted = NatsJwts.operatorSetup();
        try (var server = NatsServerProcess.start(dir, trusted.serverConfig())) {
            Path creds = write("perfsweep.creds", trusted.credsFile("perfsweep"));
            assertJetStreamWorks(config(server.url("nats"), "perfsweep.nats.creds-file", creds.toString()));

            var untrusted = NatsJwts.operatorSetup();
            String untrustedCreds = untrusted.credsFile("intruder");
            Path intruder = write("intruder.creds", untrustedCreds);
            assertRefused(config(server.url("nats"), "perfsweep.nats.creds-file", intruder.toString()),
                    "the server refused the credentials", "creds file (perfsweep.nats.creds-file = " + intruder,
                    NatsJwts.seedOf(untrustedCreds));
        }
    }

    @Test
    void tlsWithTheConfiguredCaConnectsAndAnUntrustedServerCertificateFailsTheHandshake() {
        assertJetStreamWorks(config(tls.url("tls"), "perfsweep.nats.tls.ca-file", certificates.caCert().toString()));

        assertRefused(config(tls.url("tls"), "perfsweep.nats.tls.ca-file", certificates.otherCaCert().toString()),
                "the TLS handshake failed", "TLS)", null);
        assertRefused(config(tls.url("tls")), "the TLS handshake failed", "TLS)", null);
    }

    @Test
    void mutualTlsConnectsWithTheClientCertificateAndFailsWithoutOne() throws Exception {
        String url = mutualTls.url("tls");
        assertJetStreamWorks(config(url, "perfsweep.nats.tls.ca-file", certificates.caCert().toString(),
                "perfsweep.nats.tls.cert-file", certificates.clientCert().toString(), "perfsweep.nats.tls.key-file",
                certificates.clientKey().toString()));

        String key = Files.readString(certificates.clientKey());
        assertThatThrownBy(() -> new NatsClient(config(url, "perfsweep.nats.tls.ca-file",
                certificates.caCert().toString())).connection()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot use NATS JetStream at " + url + " (no credentials, TLS)")
                .hasMessageContaining("requires mutual TLS closes connections without a client certificate:"
                        + " perfsweep.nats.tls.cert-file and key-file")
                .satisfies(e -> assertThat(allMessages(e)).doesNotContain(key));
    }

    /** cert-manager writes PKCS#1 RSA keys, {@code openssl ecparam -genkey} SEC1 EC keys: both work as written. */
    @Test
    void mutualTlsReadsTraditionalRsaAndEcKeysAsWellAsPkcs8() throws Exception {
        String url = mutualTls.url("tls");
        assertThat(Files.readString(certificates.rsaClientKeyPkcs1())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(certificates.clientKeySec1())).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertJetStreamWorks(config(url, "perfsweep.nats.tls.ca-file", certificates.caCert().toString(),
                "perfsweep.nats.tls.cert-file", certificates.rsaClientCert().toString(), "perfsweep.nats.tls.key-file",
                certificates.rsaClientKeyPkcs1().toString()));
        assertJetStreamWorks(config(url, "perfsweep.nats.tls.ca-file", certificates.caCert().toString(),
                "perfsweep.nats.tls.cert-file", certificates.clientCert().toString(), "perfsweep.nats.tls.key-file",
                certificates.clientKeySec1().toString()));
    }

    @Test
    void aKeyFileWithoutAReadableKeyIsNamedWithoutShowingItsContent() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("encrypted.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nTUlJQ2VjcmV0\n-----END ENCRYPTED PRIVATE KEY-----\n");
        var config = config(mutualTls.url("tls"), "perfsweep.nats.tls.ca-file", certificates.caCert().toString(),
                "perfsweep.nats.tls.cert-file", certificates.clientCert().toString(), "perfsweep.nats.tls.key-file",
                encrypted.toString());

        assertThatThrownBy(() -> new NatsClient(config).connection()).satisfies(e -> assertThat(allMessages(e))
                .contains("perfsweep.nats.tls.key-file = " + encrypted + " holds no unencrypted PEM private key")
                .doesNotContain("TUlJQ2VjcmV0"));
    }

    @Test
    void misconfiguredCredentialsAreRefusedBeforeConnectingAndNameTheKeys() {
        String url = token.url("nats");
        assertThatThrownBy(() -> new NatsConnectionOptions(config(url, "perfsweep.nats.token", TOKEN,
                "perfsweep.nats.username", "perfsweep", "perfsweep.nats.password", PASSWORD).nats()).build())
                .hasMessage("configure one kind of NATS credentials, found user/password (perfsweep.nats.username"
                        + " 'perfsweep') and token (perfsweep.nats.token)");
        assertThatThrownBy(() -> new NatsConnectionOptions(config(url, "perfsweep.nats.password", PASSWORD).nats())
                .build()).hasMessage("perfsweep.nats.username and perfsweep.nats.password must be configured together");
        assertThatThrownBy(() -> new NatsConnectionOptions(config(url, "perfsweep.nats.creds-file",
                "/nonexistent/perfsweep.creds").nats()).build())
                .hasMessage("perfsweep.nats.creds-file = /nonexistent/perfsweep.creds is not a readable file");
        assertThatThrownBy(() -> new NatsConnectionOptions(config(url, "perfsweep.nats.tls.cert-file",
                certificates.clientCert().toString()).nats()).build())
                .hasMessage("perfsweep.nats.tls.cert-file and perfsweep.nats.tls.key-file must be configured together");
    }

    /** Connects as the service does, creates the stream, publishes a job and gets JetStream's acknowledgement. */
    private static void assertJetStreamWorks(PerfsweepConfig config) {
        var client = new NatsClient(config);
        try {
            var ack = client.jetStream().publish(config.nats().jobsSubject(),
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(ack.getStream()).isEqualTo(config.nats().stream());
            assertThat(ack.getSeqno()).isPositive();
        } catch (Exception e) {
            throw new AssertionError("JetStream should work with " + new NatsConnectionOptions(config.nats())
                    .describe() + ": " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }

    private static void assertRefused(PerfsweepConfig config, String problem, String names, String secret) {
        long started = System.nanoTime();
        var client = new NatsClient(config);
        assertThatThrownBy(client::connection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(problem).hasMessageContaining(names)
                .satisfies(e -> {
                    if (secret != null) {
                        assertThat(allMessages(e)).doesNotContain(secret);
                    }
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static String allMessages(Throwable failure) {
        var all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static PerfsweepConfig config(String url, String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put("perfsweep.nats.url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).withMapping(PerfsweepConfig.class)
                .build().getConfigMapping(PerfsweepConfig.class);
    }
}
