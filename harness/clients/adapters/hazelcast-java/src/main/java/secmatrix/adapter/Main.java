package secmatrix.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hazelcast-java adapter: drives the official Hazelcast Java client through the secmatrix
 * adapter protocol v1 (docs/adapter-protocol.md), JSON lines on stdin/stdout. It reports facts only
 * (connected, or the client's exception class and message; an operation's value or its exception);
 * the suite classifies them with error-map.yaml. Everything the client logs goes to stderr.
 */
public final class Main {
    static final int PROTOCOL = 1;
    static final String ADAPTER_VERSION = "1.0.0";
    static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final JsonNode capabilities;

    Main(PrintStream out) throws Exception {
        this.out = out;
        try (InputStream in = Main.class.getResourceAsStream("/capabilities.json")) {
            if (in == null) throw new IllegalStateException("capabilities.json missing from the adapter jar");
            this.capabilities = JSON.readTree(in);
        }
    }

    public static void main(String[] args) throws Exception {
        // Only protocol lines may reach stdout: everything else printed goes to stderr.
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (System.getProperty("hazelcast.logging.type") == null) System.setProperty("hazelcast.logging.type", "jdk");
        System.setProperty("hazelcast.phone.home.enabled", "false");
        Main main = new Main(protocolOut);
        int status = main.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        main.closeAll();
        protocolOut.flush();
        // Client threads must not keep the JVM alive once the protocol is over.
        System.exit(status);
    }

    int serve(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            JsonNode request;
            try {
                request = JSON.readTree(line);
            } catch (Exception e) {
                send(protocolError(null, "not JSON: " + e.getMessage()));
                continue;
            }
            if (request == null || !request.isObject()) {
                send(protocolError(null, "a request must be a JSON object"));
                continue;
            }
            JsonNode id = request.get("id");
            if (id == null || !id.isIntegralNumber()) {
                send(protocolError(null, "a request needs an integer id"));
                continue;
            }
            String type = request.path("type").asText("");
            try {
                switch (type) {
                    case "hello" -> send(hello(request));
                    case "connect" -> send(connect(request));
                    case "run" -> send(run(request));
                    case "close" -> send(close(request));
                    case "bye" -> {
                        send(response(request, "bye"));
                        return 0;
                    }
                    default -> send(protocolError(id, "unknown request type '" + type + "'"));
                }
            } catch (ProtocolException e) {
                send(protocolError(id, e.getMessage()));
            }
        }
        return 0;
    }

    private ObjectNode hello(JsonNode request) {
        int wanted = request.path("protocol").asInt(-1);
        if (wanted != PROTOCOL) return protocolError(request.get("id"), "speaks protocol " + PROTOCOL + " only");
        ObjectNode r = response(request, "hello");
        r.put("protocol", PROTOCOL);
        ObjectNode client = r.putObject("client");
        client.put("name", "hazelcast-java");
        client.put("version", com.hazelcast.instance.BuildInfoProvider.getBuildInfo().getVersion());
        client.put("language", "java");
        client.put("edition", Connect.enterprise() ? "enterprise" : "open-source");
        r.putObject("adapter").put("version", ADAPTER_VERSION);
        ArrayNode caps = r.putArray("capabilities");
        capabilities.path("capabilities").forEach(caps::add);
        if (Connect.enterprise()) {
            Connect.TLS_CAPABILITIES.forEach(caps::add);
            capabilities.path("enterpriseCapabilities").forEach(caps::add);
        }
        return r;
    }

    private ObjectNode connect(JsonNode request) throws ProtocolException {
        String name = text(request, "session");
        if (sessions.containsKey(name)) throw new ProtocolException("session '" + name + "' is already open");
        Connect.Result result = Connect.open(request);
        ObjectNode r = response(request, result.type());
        r.put("session", name);
        switch (result.type()) {
            case "connected" -> sessions.put(name, new Session(result.client()));
            case "failed" -> {
                r.put("stage", result.stage());
                Facts.report(r, result.error(), result.logged());
            }
            case "unsupported" -> r.put("reason", result.reason());
            default -> throw new IllegalStateException(result.type());
        }
        return r;
    }

    private ObjectNode run(JsonNode request) throws ProtocolException {
        Session session = session(request);
        String op = text(request, "op");
        String object = text(request, "object");
        JsonNode args = request.path("args");
        Operations.Op impl = Operations.ALL.get(op);
        if (impl == null) {
            String why = Operations.UNSUPPORTED.get(op);
            ObjectNode r = response(request, "unsupported");
            r.put("reason", why != null ? why : "the hazelcast-java adapter has no operation '" + op + "'");
            return r;
        }
        try {
            Object value = impl.run(session, object, args);
            ObjectNode r = response(request, "result");
            r.set("value", JSON.valueToTree(value));
            return r;
        } catch (Throwable t) {
            ObjectNode r = response(request, "error");
            Facts.report(r, t);
            return r;
        }
    }

    private ObjectNode close(JsonNode request) throws ProtocolException {
        Session session = session(request);
        sessions.remove(text(request, "session"));
        session.close();
        ObjectNode r = response(request, "closed");
        r.put("session", text(request, "session"));
        return r;
    }

    private Session session(JsonNode request) throws ProtocolException {
        String name = text(request, "session");
        Session s = sessions.get(name);
        if (s == null) throw new ProtocolException("no open session '" + name + "'");
        return s;
    }

    private void closeAll() {
        for (Session s : sessions.values()) s.close();
        sessions.clear();
    }

    private static String text(JsonNode request, String field) throws ProtocolException {
        JsonNode v = request.get(field);
        if (v == null || !v.isTextual()) throw new ProtocolException("'" + field + "' must be a string");
        return v.asText();
    }

    private static ObjectNode response(JsonNode request, String type) {
        ObjectNode r = JSON.createObjectNode();
        r.set("id", request.get("id"));
        r.put("type", type);
        return r;
    }

    private static ObjectNode protocolError(JsonNode id, String message) {
        ObjectNode r = JSON.createObjectNode();
        if (id == null) r.putNull("id");
        else r.set("id", id);
        r.put("type", "protocol-error");
        r.put("message", message);
        return r;
    }

    private void send(ObjectNode message) {
        try {
            out.println(JSON.writeValueAsString(message));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message);
        }
    }

    /** One open client and what its operations keep between requests (cache managers). */
    static final class Session {
        final HazelcastInstance client;
        javax.cache.CacheManager cacheManager;
        /** Caches this session created through its cache manager. */
        final java.util.Set<String> caches = new java.util.HashSet<>();

        Session(HazelcastInstance client) {
            this.client = client;
        }

        void close() {
            try {
                if (cacheManager != null) cacheManager.close();
            } catch (RuntimeException ignored) {
                // closing the client below releases it anyway
            }
            try {
                client.shutdown();
            } catch (RuntimeException e) {
                System.err.println("client shutdown: " + e);
            }
        }
    }
}
