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
import dev.encore.schemas.prometheus.Histogram;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** One running instance: its stream and its server. */
    private record Instance(KafkaStreams streams, ViewServer server, Histogram freshness) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            streams.close(Duration.ofSeconds(10));
        }
    }

    private Instance start(TestBroker broker, int port) throws Exception {
        Histogram freshness = new Histogram("encore_view_freshness_seconds", "test", ViewMain.FRESHNESS_BUCKETS);
        KafkaStreams streams = new KafkaStreams(RecommendationsView.topology(freshness), RecommendationsView.config(
                "view-it", broker.bootstrapServers(), dir.resolve("state-" + port), "127.0.0.1:" + port, Map.of()));
        LagMonitor lag = new LagMonitor(broker.admin(), List.of("view-it"), List.of(Topics.RECOMMENDATIONS.name()), Clock.systemUTC());
        streams.start();
        return new Instance(streams, new ViewServer(streams, new HostInfo("127.0.0.1", port), SharedTestRegistry.url(), lag, freshness,
                java.util.Optional.of(TOKEN)),
                freshness);
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
            try (Instance a = start(broker, portA); Instance b = start(broker, portB)) {
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
                assertTrue(a.freshness().count() + b.freshness().count() >= USERS, "every list entering the view was timed");
            }
        }
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
