package dev.encore.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Events as a player without a JVM posts them to the view's collector, and broken variants of them. */
final class PlayerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlayerJson() {
    }

    /** A valid event of {@code type}, happening now, with a fresh event id. */
    static String event(String user, String track, String type) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("userId", user);
        event.put("trackId", track);
        event.put("type", type);
        event.put("eventTime", Instant.now().toString());
        event.put("playedMs", type.equals("PLAY") ? 180_000 : 0);
        event.putObject("context").put("source", "OTHER");
        event.putObject("client").put("platform", "test").put("version", "1");
        return JSON.writeValueAsString(event);
    }

    /** {@code event} with {@code field} set to the JSON {@code value}. */
    static String with(String event, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        node.set(field, JSON.readTree(value));
        return JSON.writeValueAsString(node);
    }

    static String without(String event, String field) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        node.remove(field);
        return JSON.writeValueAsString(node);
    }
}
