package dev.encore.view;

import dev.encore.schema.Recommendations;
import dev.encore.schemas.Topics;
import dev.encore.schemas.serde.AvroWireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds one user's entry in one of the view's stores, wherever it lives: this instance's store or, when another
 * instance holds the user's partition (the stream's key metadata says which), that instance's REST answer, relayed.
 * Every answer is JSON with a status: 200, 400 malformed id, 404 none yet, 503 while (re)balancing.
 */
final class UserLookup {
    /** The producer SDK's rule for ids: 1-128 printable characters without whitespace. */
    static final Pattern ID = Pattern.compile("[\\p{Graph}&&[^\\s]]{1,128}");
    static final String FORWARDED = "X-Encore-Forwarded";

    /** One of the view's answers about a user. */
    record Answer(int status, String body) {
    }

    /** What a user resource is: its store, its path under {@code /users/{id}/}, and how a stored value is shown. */
    record Resource(String store, String path, Function<byte[], Object> toJson, String missing) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient peers = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LongAdder forwarded = new LongAdder();
    final Resource recommendations;
    final Resource history;
    private final Resource newListenerList;

    UserLookup(KafkaStreams streams, HostInfo self, AvroWireCodec<Recommendations> lists) {
        this.streams = streams;
        this.self = self;
        this.recommendations = new Resource(RecommendationsView.STORE, "recommendations",
                bytes -> RecommendationJson.of(lists.decode(bytes)), "no recommendations for user %s yet");
        this.history = new Resource(RecommendationsView.HISTORY_STORE, "history",
                bytes -> Map.of("events", RecentEventsProcessor.read(bytes)), "no events of user %s yet");
        this.newListenerList = new Resource(RecommendationsView.NEW_LISTENER_STORE, "recommendations", recommendations.toJson(),
                "no %s list yet: the job publishes one when it closes its first trending window");
    }

    long forwarded() {
        return forwarded.sum();
    }

    /**
     * @param authorization the caller's Authorization header, passed on to the instance that holds the user
     * @param relayed       whether this request was already relayed once (a partition that moved meanwhile is not chased)
     */
    Answer find(Resource resource, String user, Optional<String> authorization, boolean relayed) {
        if (!ID.matcher(user).matches()) {
            return new Answer(400, JsonResponses.error("user id must be 1-128 characters without spaces"));
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(resource.store(), user, Serdes.String().serializer());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || streams.state() != KafkaStreams.State.RUNNING) {
            return new Answer(503, JsonResponses.error("the view is starting or rebalancing; retry shortly"));
        }
        if (!owner.activeHost().equals(self)) {
            return relayed ? new Answer(503, JsonResponses.error("partition moved while forwarding; retry"))
                    : relay(resource, user, owner.activeHost(), authorization);
        }
        return answer(resource, user, resource.store());
    }

    /**
     * The list for listeners with no event yet, from the global store every instance holds (no relaying); players
     * show it while {@code /users/{id}/recommendations} answers 404.
     */
    Answer newListener() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new Answer(503, JsonResponses.error("the view is starting or rebalancing; retry shortly"));
        }
        return answer(newListenerList, Topics.NEW_LISTENER_KEY, RecommendationsView.NEW_LISTENER_STORE);
    }

    private Answer answer(Resource resource, String key, String storeName) {
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        byte[] value = store.get(key);
        if (value == null) {
            return new Answer(404, JsonResponses.error(String.format(resource.missing(), key)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", key);
        Object shown = resource.toJson().apply(value);
        if (shown instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> json.put(k.toString(), v));
        }
        return new Answer(200, JsonResponses.write(json));
    }

    private Answer relay(Resource resource, String user, HostInfo owner, Optional<String> authorization) {
        forwarded.increment();
        String path = "/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20") + "/" + resource.path();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + path))
                .timeout(Duration.ofSeconds(5)).header(FORWARDED, self.host() + ":" + self.port()).GET();
        // The instance holding the user checks the same token.
        authorization.ifPresent(v -> request.header("Authorization", v));
        try {
            HttpResponse<String> response = peers.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, JsonResponses.error("interrupted"));
        } catch (IOException e) {
            return new Answer(503, JsonResponses.error("instance " + owner + " holding this user did not answer; retry"));
        }
    }
}
