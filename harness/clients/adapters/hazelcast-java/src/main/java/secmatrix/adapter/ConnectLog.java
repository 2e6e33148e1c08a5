package secmatrix.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java client never says why it could not connect: newHazelcastClient throws
 * IllegalStateException "Unable to connect to any cluster." and the cause of each attempt (e.g.
 * AuthenticationException) is only logged. This handler collects, for one client instance, the
 * exceptions its log names while it connects, so they can be reported as the failure's causes.
 */
final class ConnectLog extends Handler implements AutoCloseable {
    /** "...: com.hazelcast.client.AuthenticationException: Authentication failed ..." in a message. */
    private static final Pattern NAMED = Pattern.compile("([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)+(?:Exception|Error)): (.*)$", Pattern.DOTALL);

    private final String prefix;
    private final Map<String, String[]> facts = new LinkedHashMap<>();
    private final Logger root = Logger.getLogger("");

    ConnectLog(String instanceName) {
        this.prefix = instanceName + " ";
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.startsWith(prefix) || facts.size() >= 10) return;
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            add(t.getClass().getName(), t.getMessage());
        }
        Matcher m = NAMED.matcher(message);
        if (m.find()) add(m.group(1), m.group(2).trim());
    }

    private void add(String cls, String message) {
        facts.putIfAbsent(cls + "\u0000" + message, new String[] {cls, message == null ? "" : message});
    }

    /** The distinct (class, message) pairs seen, first seen first. */
    synchronized List<String[]> facts() {
        return new ArrayList<>(facts.values());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
