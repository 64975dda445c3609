package dev.encore.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.encore.schema.Recommendations;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.view.collector.EventCollector;
import dev.encore.view.ops.OpsMonitor;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's HTTP face, described by {@code /openapi.json}:
 * <ul>
 *   <li>{@code GET /users/{id}/recommendations}: the user's latest list; {@code /users/{id}/history}: their last events;
 *       {@code /users/{id}/stream}: both pushed as server-sent events ({@link ListStream}). Answered from this instance's
 *       stores or relayed from the instance holding the user ({@link UserLookup}).</li>
 *   <li>{@code GET /new-listener/recommendations}: the list for listeners with no event yet (what trending says now),
 *       for players to show while the user's own list answers 404.</li>
 *   <li>{@code POST /events}: the event collector for players without a JVM ({@link EventCollector}).</li>
 *   <li>{@code /}: the page (listener and operators tabs); {@code GET /ops}: the operators' figures ({@link OpsMonitor}).</li>
 *   <li>{@code /health}, {@code /ready}, {@code /metrics}.</li>
 * </ul>
 */
public final class ViewServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewServer.class);
    private static final Pattern PATH = Pattern.compile("/users/([^/]*)/(recommendations|history|stream)/?");
    static final String NEW_LISTENER_PATH = "/new-listener/recommendations";

    private final KafkaStreams streams;
    private final EventCollector collector;
    private final UserLookup lookup;
    private final ListStream stream;
    private final HttpServer http;
    private final ExecutorService threads;
    private final Histogram latency;
    private final Counter answers;
    private final Optional<byte[]> authorization;

    /** What the server answers from; built in {@code ViewMain}, or by a test around its own streams. */
    public record Parts(KafkaStreams streams, HostInfo self, String registryUrl, PrometheusRegistry metrics,
                        LongAdder unreadableEvents, EventCollector collector, OpsMonitor ops) {
    }

    /**
     * @param bearerToken when present, {@code /users/...} and {@code /events} answer only requests with
     *                    {@code Authorization: Bearer <token>} (401 otherwise); the page, health, readiness, ops and
     *                    metrics stay open for probes and scrapers
     */
    public ViewServer(Parts parts, Optional<String> bearerToken) throws IOException {
        this.streams = parts.streams();
        this.authorization = bearerToken.map(token -> ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
        this.collector = parts.collector();
        this.lookup = new UserLookup(streams, parts.self(),
                new AvroWireCodec<>(Recommendations.class, new SchemaRegistryClient(parts.registryUrl()), false));
        this.stream = new ListStream(lookup);
        PrometheusRegistry metrics = parts.metrics();
        this.latency = Histogram.builder().name("encore_view_request_seconds").help("Time to answer a recommendations request.")
                .classicOnly().classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1).register(metrics);
        this.answers = Counter.builder().name("encore_view_requests_total").help("Requests about users answered, by HTTP status.")
                .labelNames("status").register(metrics);
        CounterWithCallback.builder().name("encore_view_forwarded_total").help("Requests relayed to the instance holding the user.")
                .callback(counter -> counter.call(lookup.forwarded())).register(metrics);
        GaugeWithCallback.builder().name("encore_view_up").help("1 when the view's stream is running.")
                .callback(gauge -> gauge.call(streams.state() == KafkaStreams.State.RUNNING ? 1 : 0)).register(metrics);
        GaugeWithCallback.builder().name("encore_view_streams_open").help("Pages receiving a user's list as server-sent events.")
                .callback(gauge -> gauge.call(stream.subscribers())).register(metrics);
        LongAdder unreadableEvents = parts.unreadableEvents();
        CounterWithCallback.builder().name("encore_view_unreadable_events_total")
                .help("Events the view could not decode for the history (the job dead-letters them).")
                .callback(counter -> counter.call(unreadableEvents.sum())).register(metrics);
        CounterWithCallback.builder().name("encore_collector_requests_total").help("Events posted to the collector, by HTTP status.")
                .labelNames("status")
                .callback(counter -> collector.answers().forEach((status, count) -> counter.call(count, Integer.toString(status))))
                .register(metrics);
        this.http = HttpServer.create(new InetSocketAddress(parts.self().host(), parts.self().port()), 128);
        this.threads = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "view-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(threads);
        http.createContext("/users/", this::users);
        http.createContext(NEW_LISTENER_PATH, this::users);
        http.createContext("/events", guarded(collector));
        http.createContext("/ops", exchange -> JsonResponses.json(exchange, 200, parts.ops().series()));
        http.createContext("/", new WebAssets());
        http.createContext("/health", exchange -> JsonResponses.send(exchange, 200, "text/plain", "ok\n"));
        http.createContext("/ready", exchange -> {
            boolean ready = streams.state() == KafkaStreams.State.RUNNING;
            JsonResponses.send(exchange, ready ? 200 : 503, "text/plain", streams.state() + "\n");
        });
        http.createContext("/metrics", new MetricsHandler(metrics));
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            if (!authorized(exchange)) {
                unauthorized(exchange);
            } else {
                handler.handle(exchange);
            }
        };
    }

    private void users(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        try {
            status = answer(exchange);
        } catch (RuntimeException e) {
            LOG.warn("answering {} failed: {}", exchange.getRequestURI(), e.toString());
            status = JsonResponses.error(exchange, 503, "the view cannot answer now: " + e.getMessage());
        }
        answers.labelValues(Integer.toString(status)).inc();
        latency.observe((System.nanoTime() - start) / 1e9);
    }

    private int answer(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return unauthorized(exchange);
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return JsonResponses.error(exchange, 405, "use GET");
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath.equals(NEW_LISTENER_PATH) || rawPath.equals(NEW_LISTENER_PATH + "/")) {
            UserLookup.Answer answer = lookup.newListener();
            return JsonResponses.send(exchange, answer.status(), JsonResponses.TYPE, answer.body());
        }
        Matcher path = PATH.matcher(rawPath);
        if (!path.matches()) {
            return JsonResponses.error(exchange, 404, "no such resource: try /users/{id}/recommendations, /history or /stream, "
                    + "or " + NEW_LISTENER_PATH);
        }
        String user = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        Optional<String> caller = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        if (path.group(2).equals("stream")) {
            if (!UserLookup.ID.matcher(user).matches()) {
                return JsonResponses.error(exchange, 400, "user id must be 1-128 characters without spaces");
            }
            return stream.open(exchange, user, caller);
        }
        UserLookup.Resource resource = path.group(2).equals("history") ? lookup.history : lookup.recommendations;
        UserLookup.Answer answer = lookup.find(resource, user, caller, exchange.getRequestHeaders().containsKey(UserLookup.FORWARDED));
        return JsonResponses.send(exchange, answer.status(), JsonResponses.TYPE, answer.body());
    }

    /** Compares in constant time, so that response times do not tell how much of a guessed token was right. */
    private boolean authorized(HttpExchange exchange) {
        if (authorization.isEmpty()) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(authorization.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private static int unauthorized(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"encore\"");
        return JsonResponses.error(exchange, 401, "send the view's token: Authorization: Bearer <token>");
    }

    @Override
    public void close() {
        stream.close();
        http.stop(0);
        threads.shutdownNow();
    }
}
