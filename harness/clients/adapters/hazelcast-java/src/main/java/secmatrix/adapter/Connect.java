package secmatrix.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.SSLConfig;
import com.hazelcast.config.security.TokenEncoding;
import com.hazelcast.config.security.TokenIdentityConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's connect: the suite's neutral client settings as a ClientConfig, then
 * HazelcastClient.newHazelcastClient. TLS needs the Enterprise edition of the client: with the
 * open-source jar a TLS connect is answered `unsupported` (the client itself refuses it at start:
 * "SSL/TLS requires Hazelcast Enterprise Edition").
 */
final class Connect {
    /** What an Enterprise client on the class path adds to the declared capabilities. */
    static final List<String> TLS_CAPABILITIES = List.of("tls", "tls-pin-version", "tls-cipher-list", "tls-no-verification", "tls-client-cert", "tls-encrypted-key");

    /** logged: (class, message) of the exceptions the client logged while it tried (see ConnectLog). */
    record Result(String type, HazelcastInstance client, String stage, Throwable error, List<String[]> logged, String reason) {
        static Result connected(HazelcastInstance c) {
            return new Result("connected", c, null, null, List.of(), null);
        }

        static Result failed(String stage, Throwable e) {
            return new Result("failed", null, stage, e, List.of(), null);
        }

        static Result failed(String stage, Throwable e, List<String[]> logged) {
            return new Result("failed", null, stage, e, logged, null);
        }

        static Result unsupported(String reason) {
            return new Result("unsupported", null, null, null, List.of(), reason);
        }
    }

    private Connect() {
    }

    static boolean enterprise() {
        return BuildInfoProvider.getBuildInfo().isEnterprise();
    }

    static Result open(JsonNode request) {
        ClientConfig config = new ClientConfig();
        config.setInstanceName("secmatrix-" + request.path("session").asText());
        if (request.hasNonNull("clusterName")) config.setClusterName(request.get("clusterName").asText());
        List<String> addresses = new ArrayList<>();
        request.path("addresses").forEach(a -> addresses.add(a.asText()));
        config.getNetworkConfig().setAddresses(addresses);

        JsonNode timeouts = request.path("timeouts");
        int connectMs = timeouts.path("connectMs").asInt(10_000);
        int operationMs = timeouts.path("operationMs").asInt(10_000);
        config.getNetworkConfig().setConnectionTimeout(connectMs);
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectMs).setInitialBackoffMillis(100).setMaxBackoffMillis(500);
        config.setProperty("hazelcast.client.invocation.timeout.seconds", String.valueOf(Math.max(1, operationMs / 1000)));
        // The client's statistics are not what a cell checks; they only add traffic to the log.
        config.getMetricsConfig().setEnabled(false);
        config.getSerializationConfig().addDataSerializableFactory(ClientCodeFactory.FACTORY_ID, new ClientCodeFactory());

        JsonNode tls = request.get("tls");
        if (tls != null && !tls.isNull()) {
            if (!enterprise()) {
                return Result.unsupported("the open-source Hazelcast Java client refuses TLS (\"SSL/TLS requires Hazelcast Enterprise "
                        + "Edition\"); point SECMATRIX_HZ_ENTERPRISE_JAR at an Enterprise client jar to run TLS cells");
            }
            try {
                SSLConfig ssl = Tls.sslConfig(tls);
                config.getNetworkConfig().setSSLConfig(ssl);
            } catch (Tls.Unsupported e) {
                return Result.unsupported(e.getMessage());
            } catch (Exception e) {
                return Result.failed("config", e);
            }
        }

        JsonNode credentials = request.get("credentials");
        if (credentials != null && !credentials.isNull()) {
            String kind = credentials.path("kind").asText();
            switch (kind) {
                case "username-password" -> config.getSecurityConfig()
                        .setUsernamePasswordIdentityConfig(credentials.path("username").asText(null), credentials.path("password").asText(null));
                case "token" -> {
                    TokenEncoding encoding = "base64".equals(credentials.path("encoding").asText("none")) ? TokenEncoding.BASE64 : TokenEncoding.NONE;
                    config.getSecurityConfig().setTokenIdentityConfig(new TokenIdentityConfig(encoding, credentials.path("token").asText()));
                }
                case "kerberos" -> {
                    return Result.unsupported("Kerberos credentials need the Enterprise KerberosCredentialsFactory; the open-source Java client has none");
                }
                default -> {
                    return Result.unsupported("unknown credentials kind '" + kind + "'");
                }
            }
        }

        // The client waits for an authentication answer up to its heartbeat timeout (60 s by
        // default): bound it by the connect timeout, and bound the whole start by a watchdog.
        config.setProperty("hazelcast.client.heartbeat.timeout", String.valueOf(Math.max(connectMs, 5_000)));
        try (ConnectLog log = new ConnectLog(config.getInstanceName())) {
            try {
                return Result.connected(startBounded(config, connectMs + 3_000L));
            } catch (Throwable t) {
                List<String[]> logged = log.facts();
                return Result.failed(stage(t, logged), t, logged);
            }
        }
    }

    /** newHazelcastClient within deadlineMs; on timeout the half-started client is shut down. */
    private static HazelcastInstance startBounded(ClientConfig config, long deadlineMs) throws Throwable {
        java.util.concurrent.CompletableFuture<HazelcastInstance> start = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                start.complete(HazelcastClient.newHazelcastClient(config));
            } catch (Throwable e) {
                start.completeExceptionally(e);
            }
        }, "secmatrix-connect-" + config.getInstanceName());
        t.setDaemon(true);
        t.start();
        try {
            return start.get(deadlineMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            // Whenever it does come up, it goes down again; meanwhile stop it where it stands.
            start.thenAccept(HazelcastInstance::shutdown);
            HazelcastInstance half = HazelcastClient.getHazelcastClientByName(config.getInstanceName());
            if (half != null) half.getLifecycleService().terminate();
            t.interrupt();
            throw new java.util.concurrent.TimeoutException("the client did not connect within " + deadlineMs + " ms");
        }
    }

    /** The stage the client's exception (or its logged causes) tells, or unknown. */
    private static String stage(Throwable t, List<String[]> logged) {
        List<String> names = new ArrayList<>();
        for (Throwable e = t; e != null && names.size() < 10; e = e.getCause() == e ? null : e.getCause()) names.add(e.getClass().getName());
        for (String[] f : logged) names.add(f[0]);
        for (String name : names) {
            if (name.equals("com.hazelcast.client.AuthenticationException") || name.equals("com.hazelcast.client.ClientNotAllowedInClusterException")) return "authentication";
            if (name.startsWith("javax.net.ssl.")) return "tls";
            if (name.equals("com.hazelcast.config.InvalidConfigurationException")) return "config";
        }
        return "unknown";
    }
}
