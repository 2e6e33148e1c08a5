package secmatrix.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.config.SSLConfig;
import com.hazelcast.nio.ssl.SSLContextFactory;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS for an Enterprise client (only used when SECMATRIX_HZ_ENTERPRISE_JAR puts one on the class
 * path): the suite's PEM files become an SSLContext given to the client as its SSLContextFactory.
 * Not exercised here (no Enterprise jar on this project's machines): see README.md.
 */
final class Tls {
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    private Tls() {
    }

    static SSLConfig sslConfig(JsonNode tls) throws Exception {
        if (tls.path("keyPassword").path("form").asText("string").startsWith("callable")) {
            throw new Unsupported("the Java client takes a key password as a string, not a callable");
        }
        if (tls.hasNonNull("minVersion") || tls.hasNonNull("maxVersion")) {
            if (!tls.path("minVersion").asText("").equals(tls.path("maxVersion").asText(""))) {
                throw new Unsupported("the Java client's SSLConfig takes one protocol, not a version range");
            }
        }
        String protocol = tls.hasNonNull("protocol") ? tls.get("protocol").asText() : tls.hasNonNull("maxVersion") ? tls.get("maxVersion").asText() : "TLS";
        SSLContext context = context(tls, protocol);
        SSLConfig ssl = new SSLConfig().setEnabled(true).setFactoryImplementation(new SSLContextFactory() {
            @Override
            public void init(Properties properties) {
            }

            @Override
            public SSLContext getSSLContext() {
                return context;
            }
        });
        if (tls.hasNonNull("cipherSuites")) {
            List<String> suites = new ArrayList<>();
            tls.get("cipherSuites").forEach(s -> suites.add(s.asText()));
            ssl.setProperty("ciphersuites", String.join(",", suites));
        }
        if (tls.hasNonNull("verifyHostname")) ssl.setProperty("validateIdentity", String.valueOf(tls.get("verifyHostname").asBoolean()));
        return ssl;
    }

    private static SSLContext context(JsonNode tls, String protocol) throws Exception {
        TrustManager[] trust;
        if (!tls.path("verifyPeer").asBoolean(true)) {
            trust = new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }};
        } else if (tls.hasNonNull("caFile")) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (Certificate c : certificates(tls.get("caFile").asText())) ts.setCertificateEntry("ca" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            trust = tmf.getTrustManagers();
        } else {
            trust = null; // the JDK's default CAs
        }
        KeyManagerFactory kmf = null;
        String certFile = tls.hasNonNull("certAndKeyFile") ? tls.get("certAndKeyFile").asText() : tls.path("certFile").asText(null);
        String keyFile = tls.hasNonNull("certAndKeyFile") ? tls.get("certAndKeyFile").asText() : tls.path("keyFile").asText(null);
        if (certFile != null && keyFile != null) {
            String password = tls.path("keyPassword").path("value").asText(null);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] storePass = "secmatrix".toCharArray();
            ks.setKeyEntry("client", privateKey(keyFile, password), storePass, certificates(certFile).toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, storePass);
        }
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
        return context;
    }

    private static Collection<? extends Certificate> certificates(String file) throws Exception {
        try (FileInputStream in = new FileInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private static PrivateKey privateKey(String file, String password) throws Exception {
        Matcher m = PEM.matcher(Files.readString(Path.of(file)));
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> {
                    return key(new PKCS8EncodedKeySpec(der));
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null) throw new IllegalArgumentException("encrypted private key and no password");
                    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
                    SecretKeyFactory skf = SecretKeyFactory.getInstance(info.getAlgName());
                    Cipher cipher = Cipher.getInstance(info.getAlgName());
                    cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
                    return key(info.getKeySpec(cipher));
                }
                default -> {
                    // certificates in a combined file; PKCS#1 keys are not read
                }
            }
        }
        throw new Unsupported("no PKCS#8 private key in " + file + " (PKCS#1 / traditional keys are not read by this adapter)");
    }

    private static PrivateKey key(PKCS8EncodedKeySpec spec) throws Exception {
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (java.security.spec.InvalidKeySpecException ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("unsupported private key algorithm");
    }
}
