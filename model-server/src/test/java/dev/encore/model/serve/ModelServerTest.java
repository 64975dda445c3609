package dev.encore.model.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.model.testing.TinyModels;
import dev.encore.schema.EventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> tracks = TinyModels.tracks(30);

    @TempDir
    Path modelsDir;
    private ModelService service;

    @BeforeEach
    void start() throws Exception {
        TinyModels.saveAs(modelsDir, "sasrec-20260101-000000");
        service = ModelService.start(modelsDir, 0, 16, Duration.ofMillis(20), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void concurrentClientsAreBatchedAndGetTheirOwnScores() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int n = 1 + i % 5;
            answers.add(clients.submit(() -> post("/v1/score", scoreBody(tracks.subList(0, 3), tracks.subList(10, 10 + n)), 200)));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(1 + i % 5, answers.get(i).get(30, TimeUnit.SECONDS).get("scores").size());
        }
        clients.shutdown();

        String metrics = get("/metrics");
        long calls = metricValue(metrics, "encore_model_batch_size_count");
        assertTrue(calls < 80, "80 concurrent requests should share model calls, took " + calls);
        assertEquals(80, (long) metricValue(metrics, "encore_model_request_seconds_count"));
    }

    @Test
    void servedScoresEqualEmbeddedScores() throws Exception {
        List<String> candidates = tracks.subList(5, 25);
        JsonNode answer = post("/v1/score", scoreBody(tracks.subList(0, 4), candidates), 200);
        List<SequenceInput.Event> sequence = tracks.subList(0, 4).stream()
                .map(t -> new SequenceInput.Event(t, EventType.PLAY)).toList();
        float[] embedded = new SasRecScorer(TinyModels.trained().model(), "same").score(
                List.of(new Scorer.Request(sequence, candidates))).get(0);
        float[] served = new float[candidates.size()];
        for (int i = 0; i < served.length; i++) {
            served[i] = (float) answer.get("scores").get(i).asDouble();
        }
        assertArrayEquals(embedded, served, 1e-6f);

        JsonNode top = post("/v1/topk", "{\"sequence\":[{\"trackId\":\"" + tracks.get(0) + "\",\"type\":\"PLAY\"}],\"k\":5}", 200);
        assertEquals(5, top.get("items").size());
    }

    @Test
    void badRequestsGet400WithAMessage() throws Exception {
        assertTrue(post("/v1/score", "{not json", 400).get("error").asText().contains("not valid JSON"));
        assertTrue(post("/v1/score", "{\"sequence\":[]}", 400).get("error").asText().contains("candidates"));
        assertTrue(post("/v1/score", "{\"candidates\":[\"1\"]}", 400).get("error").asText().contains("sequence"));
        assertTrue(post("/v1/score", "{\"sequence\":[{\"trackId\":\"1\",\"type\":\"JUMP\"}],\"candidates\":[\"1\"]}", 400)
                .get("error").asText().contains("JUMP"));
        assertTrue(post("/v1/topk", "{\"sequence\":[],\"k\":0}", 400).get("error").asText().contains("'k'"));
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/v1/score")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, get.statusCode());
        assertEquals(6, metricValue(get("/metrics"), "encore_model_bad_requests_total"));
    }

    @Test
    void unknownTracksAreScoredAndCounted() throws Exception {
        JsonNode answer = post("/v1/score", scoreBody(List.of("no-such-track"), List.of("also-unknown", tracks.get(3))), 200);
        assertEquals(2, answer.get("scores").size());
        assertEquals(1, metricValue(get("/metrics"), "encore_model_unknown_tracks_total"));
    }

    @Test
    void aNewVersionIsSwappedInUnderLoadWithoutAFailedRequest() throws Exception {
        String before = service.modelVersion();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = post("/v1/score", scoreBody(tracks.subList(0, 2), tracks.subList(2, 12)), 200);
                        versions.add(answer.get("modelVersion").asText());
                        answered.incrementAndGet();
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }
        awaitTrue(() -> answered.get() >= 20);
        TinyModels.saveAs(modelsDir, "sasrec-20260102-000000");
        assertTrue(service.checkForNewModel());
        int atSwap = answered.get();
        awaitTrue(() -> versions.contains("sasrec-20260102-000000") && answered.get() >= atSwap + 20);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(0, failures.get(), "requests failed during the swap");
        assertNotEquals(before, service.modelVersion());
        assertEquals(Set.of(before, "sasrec-20260102-000000"), versions);
        assertTrue(answered.get() > 10);
        assertEquals(1, metricValue(get("/metrics"), "encore_model_info{version=\"sasrec-20260102-000000\"}"),
                "the info metric names the model served after the swap");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private String scoreBody(List<String> sequence, List<String> candidates) throws Exception {
        List<Object> events = new ArrayList<>();
        for (String t : sequence) {
            events.add(java.util.Map.of("trackId", t, "type", "PLAY"));
        }
        return JSON.writeValueAsString(java.util.Map.of("sequence", events, "candidates", candidates));
    }

    @Test
    void servesTheRankingWeightsOfEachVersionItLoadedAndSaysWhichItNeverHad() throws Exception {
        RankingWeights second = RankingWeights.blend(0.2f, 1f, 0f, 0.3f, 0.5f);
        TinyModels.saveAs(modelsDir, "sasrec-20260102-000000", second);
        assertTrue(service.checkForNewModel());
        HttpScorer client = new HttpScorer("http://127.0.0.1:" + service.port(), Duration.ofSeconds(5));

        assertEquals(second, client.rankingOf("sasrec-20260102-000000"));
        assertEquals(RankingWeights.DEFAULT, client.rankingOf("sasrec-20260101-000000"), "the version before the swap too");
        var unknown = assertThrows(IllegalStateException.class, () -> client.rankingOf("sasrec-19990101-000000"));
        assertTrue(unknown.getMessage().contains("404"), unknown.getMessage());
        HttpResponse<String> noVersion = http.send(HttpRequest.newBuilder(uri("/v1/ranking")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noVersion.statusCode());
    }

    private JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static long metricValue(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in\n" + metrics));
    }
}
