package io.perfsweep.events;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nats.client.NKey;

/**
 * NATS decentralised auth in miniature, as {@code nsc} would set it up: an operator, a system account and an account
 * with JetStream enabled (their JWTs preloaded into a nats-server memory resolver), and user {@code .creds} files
 * signed by the account. JWTs are {@code ed25519-nkey} signed, built here from jnats' {@link NKey}.
 */
final class NatsJwts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SEED = Pattern.compile("-----BEGIN USER NKEY SEED-----\\s+(\\S+)");

    private final NKey operator;
    private final NKey systemAccount;
    private final NKey account;

    private NatsJwts(NKey operator, NKey systemAccount, NKey account) {
        this.operator = operator;
        this.systemAccount = systemAccount;
        this.account = account;
    }

    static NatsJwts operatorSetup() throws Exception {
        return new NatsJwts(NKey.createOperator(RANDOM), NKey.createAccount(RANDOM), NKey.createAccount(RANDOM));
    }

    /** The nats-server configuration trusting this operator, with both accounts preloaded. */
    String serverConfig() throws Exception {
        String system = publicKey(systemAccount);
        String app = publicKey(account);
        return "operator: \"" + jwt(operator, publicKey(operator), "operator",
                "{\"type\":\"operator\",\"version\":2,\"system_account\":\"" + system + "\"}") + "\"\n"
                + "system_account: " + system + "\n"
                + "resolver: MEMORY\n"
                + "resolver_preload: {\n"
                + "  " + system + ": \"" + jwt(operator, system, "SYS", "{\"type\":\"account\",\"version\":2}")
                + "\"\n"
                + "  " + app + ": \"" + jwt(operator, app, "perfsweep", "{\"type\":\"account\",\"version\":2,"
                        + "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                        + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,\"disk_storage\":-1,"
                        + "\"streams\":-1,\"consumer\":-1}}")
                + "\"\n}\n";
    }

    /** A {@code .creds} file for a new user of the account, in {@code nsc}'s layout. */
    String credsFile(String userName) throws Exception {
        NKey user = NKey.createUser(RANDOM);
        String userJwt = jwt(account, publicKey(user), userName, "{\"type\":\"user\",\"version\":2,\"pub\":{},"
                + "\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1}");
        return "-----BEGIN NATS USER JWT-----\n" + userJwt + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n\n"
                + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed()) + "\n------END USER NKEY SEED------\n";
    }

    static String seedOf(String credsFile) {
        Matcher matcher = SEED.matcher(credsFile);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no seed in the creds file");
        }
        return matcher.group(1);
    }

    private static String jwt(NKey issuer, String subject, String name, String natsClaim) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"
                .getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"jti\":\"" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"iss\":\"" + publicKey(issuer) + "\",\"name\":\""
                + name + "\",\"sub\":\"" + subject + "\",\"nats\":" + natsClaim + "}").getBytes(StandardCharsets.UTF_8));
        String signature = base64.encodeToString(issuer.sign((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        return header + "." + claims + "." + signature;
    }

    private static String publicKey(NKey key) throws Exception {
        return new String(key.getPublicKey());
    }
}
