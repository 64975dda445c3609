package dev.encore.view.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.sdk.EventValidator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collector behind a real HTTP server, its sink a list (or a failing Kafka): what it answers and what it sends. */
class EventCollectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<UserEvent> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean kafkaDown = new AtomicBoolean();
    private final EventValidator validator = new EventValidator();
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private String start(double perSecond) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/events", new EventCollector(event -> {
            // As the SDK does: its validator first, then the send.
            validator.validate(event);
            if (kafkaDown.get()) {
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("no broker"));
            }
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }, perSecond));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String id, Instant time) {
        return """
                {"eventId": "%s", "userId": "u1", "trackId": "t9", "type": "PLAY", "eventTime": "%s", "playedMs": 1000}"""
                .formatted(id, time);
    }

    @Test
    void aValidEventIsSentOnceEvenWhenThePlayerResendsIt() throws Exception {
        String url = start(100);
        String id = UUID.randomUUID().toString();
        HttpResponse<String> first = post(url, event(id, Instant.now()));
        HttpResponse<String> again = post(url, event(id, Instant.now()));
        assertEquals(202, first.statusCode(), first.body());
        assertEquals("accepted", JSON.readTree(first.body()).get("status").asText());
        assertEquals(202, again.statusCode());
        assertEquals("duplicate", JSON.readTree(again.body()).get("status").asText());
        assertEquals(1, sent.size());
        assertEquals(id, sent.get(0).getEventId());
    }

    @Test
    void theSdksRulesNameTheFieldAndNothingIsSent() throws Exception {
        String url = start(100);
        HttpResponse<String> future = post(url, event(UUID.randomUUID().toString(), Instant.now().plusSeconds(3_600)));
        assertEquals(400, future.statusCode());
        JsonNode body = JSON.readTree(future.body());
        assertEquals("eventTime", body.get("violations").get(0).get("field").asText());
        assertTrue(body.get("error").asText().contains("eventTime"));
        HttpResponse<String> notJson = post(url, "{\"eventId\":");
        assertEquals(400, notJson.statusCode());
        assertEquals("body", JSON.readTree(notJson.body()).get("violations").get(0).get("field").asText());
        assertEquals(413, post(url, "{\"x\": \"" + "y".repeat(EventCollector.MAX_BODY_BYTES) + "\"}").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(List.of(), sent);
    }

    @Test
    void whenKafkaDoesNotTakeTheEventThePlayersRetryIsSent() throws Exception {
        String url = start(100);
        String id = UUID.randomUUID().toString();
        kafkaDown.set(true);
        assertEquals(503, post(url, event(id, Instant.now())).statusCode());
        kafkaDown.set(false);
        assertEquals(202, post(url, event(id, Instant.now())).statusCode());
        assertEquals(1, sent.size(), "the retry was produced, not answered as a duplicate");
    }

    @Test
    void aClientOverItsRateIsToldToSlowDown() throws Exception {
        String url = start(1);
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            int status = post(url, event(UUID.randomUUID().toString(), Instant.now())).statusCode();
            accepted += status == 202 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        // A burst of twice the rate, then refusals; 10 requests take far less than the seconds that would refill it.
        assertTrue(accepted >= 2 && accepted <= 4, "accepted " + accepted);
        assertEquals(10, accepted + limited);
        assertEquals(accepted, sent.size());
    }
}
