package io.perfsweep.events;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PEM private key in any of the three shapes TLS Secrets hold: PKCS#8 ({@code BEGIN PRIVATE
 * KEY}, {@code openssl genpkey}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default {@code tls.key})
 * and SEC1 EC ({@code BEGIN EC PRIVATE KEY}, {@code openssl ecparam -genkey}).
 * <p>
 * The JDK reads only PKCS#8 and no PEM library is on the classpath, so the two traditional shapes are wrapped into
 * PKCS#8 here: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING { the key as written } }}. RSA's
 * algorithm identifier is fixed; EC's carries the curve, copied from the SEC1 key's own {@code [0]} parameters.
 */
final class PemPrivateKeys {

    private static final Pattern PEM = Pattern
            .compile("-----BEGIN (PRIVATE|RSA PRIVATE|EC PRIVATE) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");
    /** {@code SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }}. */
    private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
    /** {@code OID 1.2.840.10045.2.1 (id-ecPublicKey)}. */
    private static final byte[] EC_PUBLIC_KEY = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
            0x01 };
    private static final byte[] VERSION_0 = { 0x02, 0x01, 0x00 };
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int CONTEXT_0 = 0xa0;

    private PemPrivateKeys() {
    }

    /**
     * The first private key in {@code pem}.
     *
     * @throws IllegalArgumentException when it holds none of the three shapes or the key is malformed; the message
     *         never contains key material
     */
    static PrivateKey read(String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("holds no unencrypted PEM private key (BEGIN PRIVATE KEY, BEGIN RSA"
                    + " PRIVATE KEY or BEGIN EC PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        return switch (matcher.group(1)) {
            case "RSA PRIVATE" -> generate(pkcs8(RSA_ALGORITHM, der), List.of("RSA"));
            case "EC PRIVATE" -> generate(pkcs8(tlv(SEQUENCE, concat(EC_PUBLIC_KEY, curve(der))), der), List.of("EC"));
            default -> generate(der, List.of("RSA", "EC", "Ed25519"));
        };
    }

    private static PrivateKey generate(byte[] pkcs8, List<String> algorithms) {
        var spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("is not a readable " + String.join(", ", algorithms) + " private key");
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return tlv(SEQUENCE, concat(VERSION_0, algorithm, tlv(OCTET_STRING, key)));
    }

    /** The curve OID (a whole TLV) of a SEC1 {@code ECPrivateKey}: its {@code [0]} field, after version and key. */
    private static byte[] curve(byte[] sec1) {
        var reader = new DerReader(sec1);
        var key = new DerReader(reader.next(SEQUENCE));
        key.skip(); // version
        key.skip(); // privateKey OCTET STRING
        if (key.atEnd() || key.peek() != CONTEXT_0) {
            throw new IllegalArgumentException("is an EC key without its curve; write it with openssl pkcs8 -topk8"
                    + " -nocrypt");
        }
        return key.next(CONTEXT_0);
    }

    private static byte[] tlv(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Just enough DER to walk one level of a structure: definite lengths, one-byte tags. */
    private static final class DerReader {

        private final byte[] der;
        private int at;

        DerReader(byte[] der) {
            this.der = der;
        }

        boolean atEnd() {
            return at >= der.length;
        }

        int peek() {
            return der[at] & 0xff;
        }

        void skip() {
            next(peek());
        }

        /** The content of the next element, which must have {@code tag}. */
        byte[] next(int tag) {
            if (atEnd() || peek() != tag) {
                throw new IllegalArgumentException("is not a well-formed DER key");
            }
            int pos = at + 1;
            if (pos >= der.length) {
                throw new IllegalArgumentException("is not a well-formed DER key");
            }
            int length = der[pos++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes > 3 || pos + bytes > der.length) {
                    throw new IllegalArgumentException("is not a well-formed DER key");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[pos++] & 0xff);
                }
            }
            if (pos + length > der.length) {
                throw new IllegalArgumentException("is not a well-formed DER key");
            }
            byte[] content = Arrays.copyOfRange(der, pos, pos + length);
            at = pos + length;
            return content;
        }
    }
}
