package io.perfsweep.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM files, because PEM is what a Kubernetes TLS Secret mounts ({@code ca.crt},
 * {@code tls.crt}, {@code tls.key}) and the JDK reads no PEM key stores. Errors name the file and the problem, never
 * key material.
 */
final class PemTls {

    private static final char[] IN_MEMORY_PASSWORD = "perfsweep".toCharArray();

    private PemTls() {
    }

    /**
     * @param caFile CA certificates to trust; empty for the JVM's default trust store
     * @param certFile client certificate chain for mutual TLS, together with {@code keyFile}; both or neither
     */
    static SSLContext context(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            var keyManagers = certFile.isPresent() ? keyManagers(certFile.get(), keyFile.orElseThrow()).getKeyManagers()
                    : null;
            var trustManagers = caFile.isPresent() ? trustManagers(caFile.get()).getTrustManagers() : null;
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for NATS: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path caFile) throws GeneralSecurityException {
        KeyStore trust = emptyStore();
        List<Certificate> cas = certificates(caFile, "perfsweep.nats.tls.ca-file");
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    private static KeyManagerFactory keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException {
        List<Certificate> chain = certificates(certFile, "perfsweep.nats.tls.cert-file");
        KeyStore store = emptyStore();
        store.setKeyEntry("client", privateKey(keyFile), IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        return factory;
    }

    private static List<Certificate> certificates(Path file, String key) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IllegalStateException(key + " = " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + key + " = " + file + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS#8, PKCS#1 RSA or SEC1 EC key ({@link PemPrivateKeys}). */
    private static PrivateKey privateKey(Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read perfsweep.nats.tls.key-file = " + keyFile + ": "
                    + e.getMessage(), e);
        }
        try {
            return PemPrivateKeys.read(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("perfsweep.nats.tls.key-file = " + keyFile + " " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return store;
    }
}
