package dev.encore.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schemas.prometheus.Histogram;
import dev.encore.schemas.prometheus.PrometheusText;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's HTTP face. {@code GET /users/{id}/recommendations} answers the user's latest list from this
 * instance's store or, when another instance holds the user's partition, asks that instance (found through
 * the stream's key metadata) and relays its answer. 404 for a user without a list, 400 for a malformed id,
 * 503 while the view is (re)balancing. Also {@code /health}, {@code /ready} and {@code /metrics}.
 */
public final class ViewServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/users/([^/]*)/recommendations/?");
    /** The producer SDK's rule for ids: 1-128 printable characters without whitespace. */
    private static final Pattern ID = Pattern.compile("[\\p{Graph}&&[^\\s]]{1,128}");
    static final String FORWARDED = "X-Encore-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final AvroWireCodec<Recommendations> codec;
    private final LagMonitor lag;
    private final Histogram freshness;
    private final HttpServer http;
    private final ExecutorService threads;
    private final HttpClient peers = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Histogram latency = new Histogram("encore_view_request_seconds", "Time to answer a recommendations request.",
            0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1);
    private final Map<Integer, LongAdder> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder forwarded = new LongAdder();
    private final Optional<byte[]> authorization;

    /**
     * @param bearerToken when present, {@code /users/...} answers only requests with {@code Authorization: Bearer <token>}
     *                    (401 otherwise); health, readiness and metrics stay open for probes and scrapers
     */
    public ViewServer(KafkaStreams streams, HostInfo self, String registryUrl, LagMonitor lag, Histogram freshness,
                      Optional<String> bearerToken) throws IOException {
        this.streams = streams;
        this.authorization = bearerToken.map(token -> ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
        this.self = self;
        this.codec = new AvroWireCodec<>(Recommendations.class, new SchemaRegistryClient(registryUrl), false);
        this.lag = lag;
        this.freshness = freshness;
        this.http = HttpServer.create(new InetSocketAddress(self.host(), self.port()), 128);
        this.threads = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "view-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(threads);
        http.createContext("/users/", this::recommendations);
        http.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok\n"));
        http.createContext("/ready", exchange -> {
            boolean ready = streams.state() == KafkaStreams.State.RUNNING;
            send(exchange, ready ? 200 : 503, "text/plain", streams.state() + "\n");
        });
        http.createContext("/metrics", exchange -> send(exchange, 200, PrometheusText.CONTENT_TYPE, metrics()));
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void recommendations(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        try {
            status = answer(exchange);
        } catch (RuntimeException e) {
            LOG.warn("answering {} failed: {}", exchange.getRequestURI(), e.toString());
            status = send(exchange, 503, "application/json", error("the view cannot answer now: " + e.getMessage()));
        }
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
        latency.observe((System.nanoTime() - start) / 1e9);
    }

    private int answer(HttpExchange exchange) throws IOException {
        if (authorization.isPresent() && !authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"encore\"");
            return send(exchange, 401, "application/json", error("send the view's token: Authorization: Bearer <token>"));
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return send(exchange, 405, "application/json", error("use GET"));
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches()) {
            return send(exchange, 404, "application/json", error("no such resource: try /users/{id}/recommendations"));
        }
        String user = java.net.URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        if (!ID.matcher(user).matches()) {
            return send(exchange, 400, "application/json", error("user id must be 1-128 characters without spaces"));
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(RecommendationsView.STORE, user, Serdes.String().serializer());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || streams.state() != KafkaStreams.State.RUNNING) {
            return send(exchange, 503, "application/json", error("the view is starting or rebalancing; retry shortly"));
        }
        if (!owner.activeHost().equals(self)) {
            if (exchange.getRequestHeaders().containsKey(FORWARDED)) {
                return send(exchange, 503, "application/json", error("partition moved while forwarding; retry"));
            }
            return relay(exchange, owner.activeHost(), exchange.getRequestURI().getRawPath());
        }
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                RecommendationsView.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        byte[] value = store.get(user);
        if (value == null) {
            return send(exchange, 404, "application/json", error("no recommendations for user " + user + " yet"));
        }
        return send(exchange, 200, "application/json", JSON.writeValueAsString(toJson(codec.decode(value))));
    }

    /** Compares in constant time, so that response times do not tell how much of a guessed token was right. */
    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(authorization.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private int relay(HttpExchange exchange, HostInfo owner, String path) throws IOException {
        forwarded.increment();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + path))
                .timeout(Duration.ofSeconds(5)).header(FORWARDED, self.host() + ":" + self.port()).GET();
        // The instance holding the user checks the same token.
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(v -> builder.header("Authorization", v));
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = peers.send(request, HttpResponse.BodyHandlers.ofString());
            return send(exchange, response.statusCode(), "application/json", response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return send(exchange, 503, "application/json", error("interrupted"));
        } catch (IOException e) {
            return send(exchange, 503, "application/json", error("instance " + owner + " holding this user did not answer; retry"));
        }
    }

    static Map<String, Object> toJson(Recommendations list) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", list.getUserId());
        json.put("recommendationId", list.getRecommendationId());
        json.put("modelVersion", list.getModelVersion());
        json.put("degraded", list.getDegraded());
        json.put("generatedAt", list.getGeneratedAt().toString());
        json.put("ageMs", Math.max(0, System.currentTimeMillis() - list.getGeneratedAt().toEpochMilli()));
        json.put("triggerEventId", list.getTriggerEventId());
        json.put("triggerEventTime", list.getTriggerEventTime().toString());
        json.put("eventsSeen", list.getEventsSeen());
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (RecommendedItem item : list.getItems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rank", item.getRank());
            entry.put("trackId", item.getTrackId());
            entry.put("score", item.getScore());
            entry.put("source", item.getSource().name());
            entry.put("reason", item.getReason());
            items.add(entry);
        }
        json.put("items", items);
        return json;
    }

    private String metrics() {
        StringBuilder out = new StringBuilder();
        freshness.writeTo(out);
        latency.writeTo(out);
        PrometheusText.family(out, "encore_view_requests_total", "counter", "Recommendation requests answered, by HTTP status.");
        answers.forEach((status, count) -> PrometheusText.sample(out, "encore_view_requests_total",
                Map.of("status", Integer.toString(status)), count.sum()));
        PrometheusText.single(out, "encore_view_forwarded_total", "counter", "Requests relayed to the instance holding the user.",
                forwarded.sum());
        PrometheusText.single(out, "encore_view_up", "gauge", "1 when the view's stream is running.",
                streams.state() == KafkaStreams.State.RUNNING ? 1 : 0);
        lag.writeTo(out);
        return out.toString();
    }

    private static String error(String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        return status;
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
