package dev.encore.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** How every HTTP surface of the view answers: a body with its type, and errors as {@code {"error": "..."}}. */
public final class JsonResponses {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String TYPE = "application/json";

    private JsonResponses() {
    }

    /** Sends the whole answer and closes the exchange; returns {@code status} for the caller's counts. */
    public static int send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
        return status;
    }

    public static int json(HttpExchange exchange, int status, Object body) throws IOException {
        return send(exchange, status, TYPE, write(body));
    }

    public static int error(HttpExchange exchange, int status, String message) throws IOException {
        return send(exchange, status, TYPE, error(message));
    }

    public static String error(String message) {
        return write(Map.of("error", message));
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
