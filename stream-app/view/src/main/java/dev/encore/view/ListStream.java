package dev.encore.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /users/{id}/stream}: a user's list and recent events pushed as server-sent events, so that a page shows a
 * new list within {@link #CHECK_MILLIS} of the view taking it in. One thread looks every subscriber's user up (in this
 * instance's stores or at the instance that holds the user) and writes only what changed: event {@code recommendations}
 * when the list's id changes, {@code history} when the newest event does, {@code waiting} while the user has no list.
 * A comment line every {@link #HEARTBEAT_MILLIS} keeps proxies open and finds closed connections.
 */
final class ListStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListStream.class);
    static final long CHECK_MILLIS = 250;
    static final long HEARTBEAT_MILLIS = 15_000;
    /** Each subscriber costs two lookups per check; beyond this, new ones are refused with 503. */
    static final int MAX_SUBSCRIBERS = 256;

    private static final class Subscriber {
        final HttpExchange exchange;
        final String user;
        final Optional<String> authorization;
        String listId;
        String newestEventId;
        boolean waitingSent;
        long lastWrite = System.currentTimeMillis();

        Subscriber(HttpExchange exchange, String user, Optional<String> authorization) {
            this.exchange = exchange;
            this.user = user;
            this.authorization = authorization;
        }
    }

    private final UserLookup lookup;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "view-list-stream");
        thread.setDaemon(true);
        return thread;
    });

    ListStream(UserLookup lookup) {
        this.lookup = lookup;
        pusher.scheduleWithFixedDelay(this::push, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Opens the stream for {@code user} (an id already checked) and returns; pushes happen on the stream's thread. */
    int open(HttpExchange exchange, String user, Optional<String> authorization) throws IOException {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return JsonResponses.error(exchange, 503, "this view streams to " + MAX_SUBSCRIBERS + " pages at most; poll the REST answer instead");
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Subscriber subscriber = new Subscriber(exchange, user, authorization);
        // The first answer goes out at once, not a check later.
        if (check(subscriber)) {
            subscribers.add(subscriber);
        }
        return 200;
    }

    private void push() {
        for (Subscriber subscriber : subscribers) {
            if (!check(subscriber)) {
                subscribers.remove(subscriber);
            }
        }
    }

    /** Writes what changed for one subscriber; false when its connection is gone. */
    private boolean check(Subscriber subscriber) {
        try {
            synchronized (subscriber) {
                UserLookup.Answer list = lookup.find(lookup.recommendations, subscriber.user, subscriber.authorization, false);
                if (list.status() == 200) {
                    String id = field(list.body(), "recommendationId").orElse(null);
                    if (!Objects.equals(id, subscriber.listId)) {
                        subscriber.listId = id;
                        write(subscriber, "recommendations", list.body());
                    }
                } else if (!subscriber.waitingSent) {
                    subscriber.waitingSent = true;
                    write(subscriber, "waiting", list.body());
                }
                UserLookup.Answer history = lookup.find(lookup.history, subscriber.user, subscriber.authorization, false);
                if (history.status() == 200) {
                    String newest = newestEventId(history.body());
                    if (!Objects.equals(newest, subscriber.newestEventId)) {
                        subscriber.newestEventId = newest;
                        write(subscriber, "history", history.body());
                    }
                }
                if (System.currentTimeMillis() - subscriber.lastWrite > HEARTBEAT_MILLIS) {
                    writeRaw(subscriber, ": still here\n\n");
                }
            }
            return true;
        } catch (IOException e) {
            subscriber.exchange.close();
            return false;
        } catch (RuntimeException e) {
            LOG.warn("streaming to a page for user {} failed: {}", subscriber.user, e.toString());
            subscriber.exchange.close();
            return false;
        }
    }

    private static void write(Subscriber subscriber, String event, String json) throws IOException {
        // JSON from Jackson has no raw newlines, so one data line carries it.
        writeRaw(subscriber, "event: " + event + "\ndata: " + json + "\n\n");
    }

    private static void writeRaw(Subscriber subscriber, String text) throws IOException {
        OutputStream out = subscriber.exchange.getResponseBody();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        subscriber.lastWrite = System.currentTimeMillis();
    }

    private static Optional<String> field(String json, String name) {
        try {
            JsonNode node = JsonResponses.JSON.readTree(json).get(name);
            return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String newestEventId(String json) {
        try {
            JsonNode events = JsonResponses.JSON.readTree(json).get("events");
            return events == null || events.isEmpty() ? null : events.get(events.size() - 1).get("eventId").asText();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        subscribers.forEach(s -> s.exchange.close());
        subscribers.clear();
    }
}
