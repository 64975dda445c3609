package dev.encore.view.collector;

import static dev.encore.view.JsonResponses.error;
import static dev.encore.view.JsonResponses.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.sdk.EventViolation;
import dev.encore.schemas.sdk.InvalidEventException;
import dev.encore.view.JsonResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /events}: the event collector for players without a JVM (phones, browsers). The body is one event as
 * JSON ({@link EventJson}); it is validated by the SDK's rules and produced with the SDK, keyed by user. 202 once the
 * broker has it, 400 naming each bad field, 413 for a body over {@link #MAX_BODY_BYTES}, 429 when the client sends
 * faster than its rate, 503 when Kafka did not take it (nothing was produced: the player retries with the same
 * event id). A resent event id answers 202 again without a second record.
 */
public final class EventCollector implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventCollector.class);
    /** One event is a few hundred bytes; anything near this is not an event. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int REMEMBERED_IDS = 200_000;
    private static final long SEND_TIMEOUT_SECONDS = 10;

    /** Where accepted events go: the SDK's producer in the view, a list in tests. */
    @FunctionalInterface
    public interface EventSink {
        CompletableFuture<?> send(UserEvent event);
    }

    private final EventSink sink;
    private final RateLimiter rate;
    private final RecentEventIds taken = new RecentEventIds(REMEMBERED_IDS);
    private final Map<Integer, LongAdder> answers = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param perSecond events per second each client address may send on average (bursts to twice that) */
    public EventCollector(EventSink sink, double perSecond) {
        this.sink = sink;
        this.rate = new RateLimiter(perSecond, Math.max(1, 2 * perSecond), System::nanoTime);
    }

    /** Answers so far, by HTTP status. */
    public Map<Integer, Long> answers() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Players in browsers post from their own origin.
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        int status;
        try {
            status = answer(exchange);
        } catch (RuntimeException e) {
            LOG.warn("collecting an event failed: {}", e.toString());
            status = error(exchange, 503, "the collector cannot take events now: " + e.getMessage());
        }
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private int answer(HttpExchange exchange) throws IOException {
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            return JsonResponses.send(exchange, 204, JsonResponses.TYPE, "");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return error(exchange, 405, "use POST with one event as JSON");
        }
        if (!rate.tryAcquire(exchange.getRemoteAddress().getAddress().getHostAddress())) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            return error(exchange, 429, "too many events from this address; send at most the collector's rate, retry after 1 s");
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
        if (body == null) {
            return error(exchange, 413, "one event is at most " + MAX_BODY_BYTES + " bytes of JSON");
        }
        UserEvent event;
        try {
            event = EventJson.parse(JsonResponses.JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return invalid(exchange, List.of(new EventViolation("body", "is not JSON: " + e.getOriginalMessage())));
        } catch (InvalidEventException e) {
            return invalid(exchange, e.violations());
        }
        if (!taken.take(event.getEventId())) {
            return json(exchange, 202, accepted(event, "duplicate"));
        }
        try {
            sink.send(event).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InvalidEventException e) {
            taken.release(event.getEventId());
            return invalid(exchange, e.violations());
        } catch (ExecutionException | TimeoutException e) {
            taken.release(event.getEventId());
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("event {} not produced: {}", event.getEventId(), cause.toString());
            return error(exchange, 503, "Kafka did not take the event (" + cause.getClass().getSimpleName() + "); retry with the same eventId");
        } catch (InterruptedException e) {
            taken.release(event.getEventId());
            Thread.currentThread().interrupt();
            return error(exchange, 503, "interrupted; retry with the same eventId");
        }
        return json(exchange, 202, accepted(event, "accepted"));
    }

    private static Map<String, Object> accepted(UserEvent event, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.getEventId());
        body.put("status", status);
        return body;
    }

    private static int invalid(HttpExchange exchange, List<EventViolation> violations) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid event: " + String.join("; ", violations.stream().map(EventViolation::toString).toList()));
        body.put("violations", violations.stream().map(v -> Map.of("field", v.field(), "problem", v.problem())).toList());
        return json(exchange, 400, body);
    }

    /** The whole body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
