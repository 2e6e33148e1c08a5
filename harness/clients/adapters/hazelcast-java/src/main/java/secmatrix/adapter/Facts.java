package secmatrix.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An exception as the adapter protocol reports it: the client's own class and message, and the
 * cause chain. Only the JDK's future wrappers (ExecutionException, CompletionException) are
 * unwrapped, because they carry no fact of their own; nothing is classified here.
 */
final class Facts {
    private Facts() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException || e instanceof InvocationTargetException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static ObjectNode error(Throwable thrown) {
        Throwable t = unwrap(thrown);
        ObjectNode error = Main.JSON.createObjectNode();
        error.put("class", t.getClass().getName());
        error.putNull("code");
        error.put("message", t.getMessage());
        ArrayNode causes = error.putArray("causes");
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < 8; c = c.getCause(), depth++) {
            ObjectNode cause = causes.addObject();
            cause.put("class", c.getClass().getName());
            cause.put("message", c.getMessage());
        }
        System.err.println("[adapter] " + t.getClass().getName() + ": " + t.getMessage());
        return error;
    }
}
