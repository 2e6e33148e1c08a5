// Java's own view of the PKI files (run as `java TrustCheck.java ...`, Java 11+ single-file mode).
// Each argument is one check; one line is printed per check:
//   server:<truststore.p12>:<password>:<chain.pem>   X509TrustManager.checkServerTrusted
//   client:<truststore.p12>:<password>:<chain.pem>   X509TrustManager.checkClientTrusted
//   keystore:<keystore.p12>:<password>:<alias>       loads the key entry through a KeyManagerFactory
// Output: "<check> TRUSTED", "<check> REJECTED <exception>: <message>", "<check> KEY <algorithm> CHAIN <n> SUBJECT <dn>".
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

public class TrustCheck {
  static KeyStore load(String path, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(path)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  static X509TrustManager trustManager(KeyStore trustStore) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trustStore);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager) return (X509TrustManager) tm;
    }
    throw new IllegalStateException("no X509TrustManager");
  }

  static X509Certificate[] chain(String pemPath) throws Exception {
    try (FileInputStream in = new FileInputStream(pemPath)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new X509Certificate[0]);
    }
  }

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      String[] p = arg.split(":", 4);
      try {
        switch (p[0]) {
          case "server":
          case "client": {
            X509TrustManager tm = trustManager(load(p[1], p[2]));
            X509Certificate[] certs = chain(p[3]);
            String keyAlg = certs[0].getPublicKey().getAlgorithm();
            if (p[0].equals("server")) tm.checkServerTrusted(certs, keyAlg.equals("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA");
            else tm.checkClientTrusted(certs, keyAlg);
            System.out.println(arg + " TRUSTED");
            break;
          }
          case "keystore": {
            KeyStore ks = load(p[1], p[2]);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, p[2].toCharArray());
            X509KeyManager km = (X509KeyManager) kmf.getKeyManagers()[0];
            PrivateKey key = km.getPrivateKey(p[3]);
            X509Certificate[] certs = km.getCertificateChain(p[3]);
            if (key == null || certs == null) throw new IllegalStateException("no key entry " + p[3]);
            System.out.println(arg + " KEY " + key.getAlgorithm() + " CHAIN " + certs.length + " SUBJECT " + certs[0].getSubjectX500Principal().getName());
            break;
          }
          default:
            throw new IllegalArgumentException("unknown check " + p[0]);
        }
      } catch (Exception e) {
        System.out.println(arg + " REJECTED " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
      }
    }
  }
}
