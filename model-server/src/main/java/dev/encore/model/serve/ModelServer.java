package dev.encore.model.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.DynamicBatcher;
import dev.encore.model.scoring.ScorerHolder;
import dev.encore.model.scoring.Scorer;
import dev.encore.schema.EventType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoring over HTTP with JSON: {@code POST /v1/score} (a sequence and candidates, dynamically batched),
 * {@code POST /v1/topk}, {@code GET /v1/ranking?version=V} (the ranking weights learned with version V, which a
 * client that scores here ranks with, so that its lists follow the server's hot swaps), {@code GET /health},
 * {@code GET /ready}, {@code GET /metrics} (Prometheus text). A malformed request gets 400 with a message; a model
 * failure 503; a version this server never loaded 404.
 *
 * <pre>
 * curl -s localhost:8500/v1/score -d '{"sequence":[{"trackId":"1818271","type":"PLAY"}],"candidates":["1818263"]}'
 * </pre>
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_ITEMS = 1000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    record EventBody(String trackId, String artistId, String type) {
    }

    /** {@code candidateArtists} is optional; where given, one per candidate ("" for unknown). */
    record ScoreBody(List<EventBody> sequence, List<String> candidates, List<String> candidateArtists) {
    }

    record TopKBody(List<EventBody> sequence, Integer k) {
    }

    /** One request's scores and the version that gave them (read under the same lock, so a swap cannot come between). */
    private record Answer(float[] scores, String modelVersion) {
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final ScorerHolder scorers;
    private final Function<String, Optional<RankingWeights>> rankings;
    private final DynamicBatcher<Scorer.Request, Answer> batcher;
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final Histogram latency = Histogram.builder().name("encore_model_request_seconds").help("Time to answer a scoring request.")
            .classicOnly().classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1).register(metrics);
    private final Histogram batchSizes = Histogram.builder().name("encore_model_batch_size").help("Requests per model call.")
            .classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256).register(metrics);
    private final Counter badRequests = Counter.builder().name("encore_model_bad_requests_total").help("Requests refused with 400.")
            .register(metrics);
    private final Counter failures = Counter.builder().name("encore_model_failures_total").help("Requests that failed with 503.")
            .register(metrics);

    ModelServer(ScorerHolder scorers, Function<String, Optional<RankingWeights>> rankings, int port, int maxBatch,
                Duration maxWait) throws IOException {
        this.scorers = scorers;
        this.rankings = rankings;
        this.batcher = new DynamicBatcher<>("score-batcher", requests -> scorers.use(s -> {
            String version = s.modelVersion();
            return s.score(requests).stream().map(scores -> new Answer(scores, version)).toList();
        }), maxBatch, maxWait, batchSizes::observe);
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        this.threads = Executors.newFixedThreadPool(Math.max(8, maxBatch), r -> {
            Thread thread = new Thread(r, "model-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(threads);
        CounterWithCallback.builder().name("encore_model_unknown_tracks_total").help("Candidate ids the model did not know.")
                .callback(counter -> {
                    if (scorers.ready()) {
                        counter.call(scorers.use(Scorer::unknownTracks));
                    }
                })
                .register(metrics);
        // The version label changes on a hot swap, so the info is built at each scrape.
        metrics.register(() -> {
            InfoSnapshot.Builder info = InfoSnapshot.builder().name("encore_model").help("The model version being served.");
            if (scorers.ready()) {
                info.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", scorers.modelVersion())).build());
            }
            return info.build();
        });
        http.createContext("/v1/score", exchange -> timed(exchange, this::score));
        http.createContext("/v1/topk", exchange -> timed(exchange, this::topK));
        http.createContext("/v1/ranking", this::ranking);
        http.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok\n"));
        http.createContext("/ready", exchange -> {
            boolean ready = scorers.ready();
            send(exchange, ready ? 200 : 503, "text/plain", ready ? "ready " + scorers.modelVersion() + "\n" : "no model\n");
        });
        http.createContext("/metrics", new MetricsHandler(metrics));
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void ranking(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String version = query == null || !query.startsWith("version=") ? ""
                : URLDecoder.decode(query.substring("version=".length()), StandardCharsets.UTF_8);
        if (!"GET".equals(exchange.getRequestMethod()) || version.isEmpty()) {
            badRequests.inc();
            send(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", "use GET /v1/ranking?version=V")));
            return;
        }
        Optional<RankingWeights> weights = rankings.apply(version);
        if (weights.isEmpty()) {
            send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", "no model version " + version + " here")));
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("modelVersion", version, "ranking", weights.get())));
    }

    private interface Handler {
        Object handle(byte[] body) throws Exception;
    }

    private void timed(HttpExchange exchange, Handler handler) throws IOException {
        long start = System.nanoTime();
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new BadRequest("use POST with a JSON body");
            }
            Object answer = handler.handle(exchange.getRequestBody().readAllBytes());
            send(exchange, 200, "application/json", JSON.writeValueAsString(answer));
            latency.observe((System.nanoTime() - start) / 1e9);
        } catch (BadRequest e) {
            badRequests.inc();
            send(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", e.getMessage())));
        } catch (Exception e) {
            failures.inc();
            LOG.warn("scoring failed: {}", e.toString());
            send(exchange, 503, "application/json", JSON.writeValueAsString(Map.of("error", "scoring failed: " + e.getMessage())));
        }
    }

    private Object score(byte[] body) throws Exception {
        ScoreBody request = parse(body, ScoreBody.class);
        if (request.candidates() == null || request.candidates().isEmpty() || request.candidates().size() > MAX_ITEMS) {
            throw new BadRequest("'candidates' must list 1 to " + MAX_ITEMS + " track ids");
        }
        if (request.candidates().stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new BadRequest("'candidates' must not contain empty track ids");
        }
        List<String> artists = request.candidateArtists();
        if (artists != null && artists.size() != request.candidates().size()) {
            throw new BadRequest("'candidateArtists' must have one artist id (or \"\") per candidate");
        }
        Scorer.Request scoring = artists == null
                ? new Scorer.Request(sequence(request.sequence()), request.candidates())
                : new Scorer.Request(sequence(request.sequence()), request.candidates(),
                        artists.stream().map(a -> a == null ? "" : a).toList());
        try {
            Answer answer = batcher.submit(scoring).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Map.of("modelVersion", answer.modelVersion(), "scores", answer.scores());
        } catch (ExecutionException e) {
            throw (e.getCause() instanceof Exception cause) ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }
    }

    private Object topK(byte[] body) throws Exception {
        TopKBody request = parse(body, TopKBody.class);
        int k = request.k() == null ? 20 : request.k();
        if (k < 1 || k > MAX_ITEMS) {
            throw new BadRequest("'k' must be between 1 and " + MAX_ITEMS);
        }
        List<SequenceInput.Event> sequence = sequence(request.sequence());
        return scorers.use(s -> Map.of("modelVersion", s.modelVersion(), "items", s.topK(List.of(sequence), k).get(0)));
    }

    private static <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new BadRequest("empty body: send a JSON object");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadRequest("body is not valid JSON for this endpoint: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("cannot read the body: " + e.getMessage());
        }
    }

    private static List<SequenceInput.Event> sequence(List<EventBody> events) {
        if (events == null) {
            throw new BadRequest("'sequence' is required: the user's recent events, oldest first (may be empty)");
        }
        if (events.size() > MAX_ITEMS) {
            throw new BadRequest("'sequence' has " + events.size() + " events; send at most " + MAX_ITEMS);
        }
        List<SequenceInput.Event> sequence = new ArrayList<>(events.size());
        for (EventBody event : events) {
            if (event == null || event.trackId() == null || event.trackId().isBlank()) {
                throw new BadRequest("every event in 'sequence' needs a 'trackId'");
            }
            EventType type;
            try {
                type = event.type() == null ? EventType.PLAY : EventType.valueOf(event.type());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("event type '" + event.type() + "' is not one of PLAY, SKIP, LIKE, DISLIKE");
            }
            sequence.add(new SequenceInput.Event(event.trackId(), event.artistId(), type));
        }
        return sequence;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
        batcher.close();
        threads.shutdownNow();
    }

    /** A request the client must fix; answered with 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
