package io.perfsweep.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the {@code openssl} CLI at test time: a CA, a server certificate for 127.0.0.1 and
 * localhost, a client certificate, and a second CA that signed none of them. Keys are EC P-256 in PKCS#8 PEM, what
 * {@code openssl genpkey} writes; the client's key is also written as SEC1 ({@code BEGIN EC PRIVATE KEY}), and a second
 * client certificate has an RSA key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, cert-manager's {@code tls.key}).
 */
record TestCertificates(Path caCert, Path otherCaCert, Path serverCert, Path serverKey, Path clientCert,
        Path clientKey, Path clientKeySec1, Path rsaClientCert, Path rsaClientKeyPkcs1) {

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        selfSigned(dir, "ca", "perfsweep-test-ca");
        selfSigned(dir, "other-ca", "perfsweep-other-ca");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        signed(dir, "server", "localhost");
        signed(dir, "client", "perfsweep");
        openssl(dir, "ec", "-in", "client.key", "-out", "client-sec1.key");
        Files.copy(dir.resolve("client.ext"), dir.resolve("rsa-client.ext"));
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa-client.key", "-out", "rsa-client.csr",
                "-subj", "/CN=perfsweep-rsa");
        openssl(dir, "x509", "-req", "-in", "rsa-client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "rsa-client.pem", "-days", "2", "-extfile", "rsa-client.ext");
        openssl(dir, "rsa", "-in", "rsa-client.key", "-traditional", "-out", "rsa-client-pkcs1.key");
        return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("other-ca.pem"), dir.resolve("server.pem"),
                dir.resolve("server.key"), dir.resolve("client.pem"), dir.resolve("client.key"),
                dir.resolve("client-sec1.key"), dir.resolve("rsa-client.pem"), dir.resolve("rsa-client-pkcs1.key"));
    }

    private static void selfSigned(Path dir, String name, String commonName) throws IOException, InterruptedException {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + commonName);
    }

    private static void signed(Path dir, String name, String commonName) throws IOException, InterruptedException {
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
