package secmatrix.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An exception as the adapter protocol reports it: `error` = the client's own class and message,
 * `causes` = its cause chain (the protocol's v1 addition beside `error`). Only the JDK's future
 * wrappers (ExecutionException, CompletionException) are unwrapped, because they carry no fact of
 * their own; nothing is classified here (error-map.yaml does that in the suite).
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

    private static ObjectNode fact(Throwable t) {
        ObjectNode f = Main.JSON.createObjectNode();
        f.put("class", t.getClass().getName());
        f.putNull("code");
        f.put("message", t.getMessage() == null ? "" : t.getMessage());
        return f;
    }

    /** Sets `error` and `causes` of a response from what the client threw. */
    static void report(ObjectNode response, Throwable thrown) {
        report(response, thrown, java.util.List.of());
    }

    /** Also with what the client only logged (class, message) as further causes. */
    static void report(ObjectNode response, Throwable thrown, java.util.List<String[]> logged) {
        Throwable t = unwrap(thrown);
        response.set("error", fact(t));
        ArrayNode causes = response.putArray("causes");
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < 8; c = c.getCause(), depth++) causes.add(fact(c));
        for (String[] f : logged) {
            ObjectNode c = causes.addObject();
            c.put("class", f[0]);
            c.putNull("code");
            c.put("message", f[1]);
        }
        System.err.println("[adapter] " + t.getClass().getName() + ": " + t.getMessage());
    }
}
