package dev.encore.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.local.Ports;
import dev.encore.local.SharedTestRegistry;
import dev.encore.schema.CandidateSource;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two view instances on a real broker split the partitions and each answers for every user, only to requests with
 * the view's bearer token (a relayed request carries it).
 */
class RecommendationsViewIT {
    /** Both instances require it; a relayed request carries it to the instance holding the user. */
    private static final String TOKEN = "view-it-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 40;

    @TempDir
    Path dir;

    private ViewInstance start(TestBroker broker, int port) throws Exception {
        return ViewInstance.start(new ViewInstance.Settings("view-it", broker.bootstrapServers(), SharedTestRegistry.url(),
                new HostInfo("127.0.0.1", port), dir.resolve("state-" + port), Map.of(), List.of("view-it"), List.of(),
                1_000, Optional.of(TOKEN)));
    }

    @Test
    void bothInstancesAnswerForEveryUserWith404And400ForTheRest() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            SchemaRegistryClient registry = new SchemaRegistryClient(SharedTestRegistry.url());
            Topics.valueSchemas().forEach((spec, schema) -> registry.register(spec.valueSubject(), schema));
            AvroWireCodec<Recommendations> codec = new AvroWireCodec<>(Recommendations.class, registry, false);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int round = 1; round <= 2; round++) {
                    for (int u = 0; u < USERS; u++) {
                        RecordHeaders headers = new RecordHeaders();
                        headers.add(RecommendationHeaders.TRIGGER_INGESTED_AT,
                                Long.toString(System.currentTimeMillis() - 20).getBytes(StandardCharsets.US_ASCII));
                        producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), null,
                                ("user-" + u).getBytes(StandardCharsets.UTF_8),
                                codec.encode(Topics.RECOMMENDATIONS.name(), list("user-" + u, round)), headers)).get();
                    }
                }
            }
            int portA = Ports.findFree();
            int portB = Ports.findFree();
            try (ViewInstance a = start(broker, portA); ViewInstance b = start(broker, portB)) {
                awaitRunning(a.streams(), b.streams());
                HttpClient http = HttpClient.newHttpClient();
                for (int u = 0; u < USERS; u++) {
                    for (int port : List.of(portA, portB)) {
                        HttpResponse<String> response = awaitAnswer(http, port, "user-" + u);
                        assertEquals(200, response.statusCode(), response.body());
                        JsonNode body = JSON.readTree(response.body());
                        assertEquals("user-" + u, body.get("userId").asText());
                        assertEquals("event-user-" + u + "-2", body.get("triggerEventId").asText(), "the latest list wins");
                        assertEquals(1, body.get("items").get(0).get("rank").asInt());
                        assertEquals("CF", body.get("items").get(0).get("source").asText());
                    }
                }
                for (int port : List.of(portA, portB)) {
                    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/users/user-0/recommendations")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(401, anonymous.statusCode(), "no token, no list: " + anonymous.body());
                }
                assertEquals(404, get(http, portA, "nobody").statusCode());
                assertEquals(400, get(http, portB, "two%20words").statusCode());
                String metricsA = get(http, portA, null).body();
                String metricsB = get(http, portB, null).body();
                assertTrue(forwarded(metricsA) > 0 && forwarded(metricsB) > 0, "each instance relayed the users it does not hold");
                assertTrue(a.freshness().getCount() + b.freshness().getCount() >= USERS, "every list entering the view was timed");

                // Events posted to either instance's collector reach the topic and show in the user's history on both.
                for (int u = 0; u < USERS; u++) {
                    int port = u % 2 == 0 ? portA : portB;
                    HttpResponse<String> posted = post(http, port, event("user-" + u, "track-" + u, "SKIP"));
                    assertEquals(202, posted.statusCode(), posted.body());
                }
                for (int u = 0; u < USERS; u++) {
                    for (int port : List.of(portA, portB)) {
                        JsonNode history = JSON.readTree(awaitHistory(http, port, "user-" + u).body());
                        JsonNode newest = history.get("events").get(history.get("events").size() - 1);
                        assertEquals("track-" + u, newest.get("trackId").asText());
                        assertEquals("SKIP", newest.get("type").asText());
                    }
                }
                assertEquals(404, http.send(authorized(portA, "/users/nobody/history").GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());

                // The new-listener list: none until the job publishes one, then every instance answers it from its own copy.
                assertEquals(404, http.send(authorized(portA, ViewServer.NEW_LISTENER_PATH).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(Topics.NEW_LISTENER_LISTS.name(), Topics.NEW_LISTENER_KEY.getBytes(StandardCharsets.UTF_8),
                            codec.encode(Topics.NEW_LISTENER_LISTS.name(), list(Topics.NEW_LISTENER_KEY, 1)))).get();
                }
                for (int port : List.of(portA, portB)) {
                    HttpResponse<String> first = awaitPath(http, port, ViewServer.NEW_LISTENER_PATH);
                    assertEquals(200, first.statusCode(), first.body());
                    assertEquals(Topics.NEW_LISTENER_KEY + "-1", JSON.readTree(first.body()).get("recommendationId").asText());
                }

                // A page's stream gets the user's list at once and the next one when it is committed, from either instance.
                for (int port : List.of(portA, portB)) {
                    String user = "user-" + (port == portA ? 1 : 2);
                    HttpResponse<java.util.stream.Stream<String>> sse = http.send(authorized(port, "/users/" + user + "/stream").GET().build(),
                            HttpResponse.BodyHandlers.ofLines());
                    assertEquals(200, sse.statusCode());
                    java.util.Iterator<String> lines = sse.body().iterator();
                    assertTrue(awaitData(lines, "\"recommendationId\":\"" + user + "-2\""), "the current list first");
                    produce(broker, codec, user, 3);
                    assertTrue(awaitData(lines, "\"recommendationId\":\"" + user + "-3\""), "then the new one, pushed");
                    sse.body().close();
                }
            }
        }
    }

    private static void produce(TestBroker broker, AvroWireCodec<Recommendations> codec, String user, int round) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), user.getBytes(StandardCharsets.UTF_8),
                    codec.encode(Topics.RECOMMENDATIONS.name(), list(user, round)))).get();
        }
    }

    /** Reads server-sent lines until a data line contains {@code text}; false after 30 s. */
    private static boolean awaitData(java.util.Iterator<String> lines, String text) throws Exception {
        var found = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ") && line.contains(text)) {
                    return true;
                }
            }
            return false;
        });
        try {
            return found.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** A valid event as a browser sends it. */
    static String event(String user, String track, String type) throws Exception {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("eventId", java.util.UUID.randomUUID().toString());
        event.put("userId", user);
        event.put("trackId", track);
        event.put("type", type);
        event.put("eventTime", Instant.now().toString());
        event.put("playedMs", 5_000);
        event.put("context", Map.of("source", "RECOMMENDATION"));
        return JSON.writeValueAsString(event);
    }

    private static HttpRequest.Builder authorized(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> post(HttpClient http, int port, String json) throws Exception {
        return http.send(authorized(port, "/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> awaitHistory(HttpClient http, int port, String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = http.send(authorized(port, "/users/" + user + "/history").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no history for " + user + " on port " + port + ": " + response.statusCode() + " " + response.body());
    }

    private static double forwarded(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("encore_view_forwarded_total ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElse(0);
    }

    private static Recommendations list(String user, int round) {
        RecommendedItem item = RecommendedItem.newBuilder().setTrackId("t" + round).setScore(1f).setRank(1)
                .setSource(CandidateSource.CF).setReason("often played around x").build();
        return Recommendations.newBuilder().setRecommendationId(user + "-" + round).setUserId(user)
                .setGeneratedAt(Instant.now()).setTriggerEventId("event-" + user + "-" + round).setTriggerEventTime(Instant.now())
                .setModelVersion("m").setDegraded(false).setEventsSeen(round).setItems(List.of(item)).build();
    }

    private static void awaitRunning(KafkaStreams... all) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (java.util.Arrays.stream(all).allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the view instances did not reach RUNNING");
    }

    /** Waits until {@code path} answers 200 (or a minute passes). */
    private static HttpResponse<String> awaitPath(HttpClient http, int port, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = http.send(authorized(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return response;
    }

    /** Waits until the user's latest list has been restored into the store. */
    private static HttpResponse<String> awaitAnswer(HttpClient http, int port, String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = get(http, port, user);
            if (response.statusCode() == 200 && response.body().contains("-2\"")) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return response;
    }

    private static HttpResponse<String> get(HttpClient http, int port, String user) throws Exception {
        String path = user == null ? "/metrics" : "/users/" + user + "/recommendations";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
