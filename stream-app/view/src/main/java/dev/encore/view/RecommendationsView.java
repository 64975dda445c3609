package dev.encore.view;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import io.prometheus.metrics.core.metrics.Histogram;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The recommendations topic materialised per user in a persistent RocksDB store ({@link #STORE}), which the
 * REST layer queries: each user's latest list; the events topic, as each user's last events ({@link #HISTORY_STORE});
 * and the new-listener topic, whole on every instance ({@link #NEW_LISTENER_STORE}). Values stay in their wire bytes (decoded only when asked for),
 * and only committed lists are read, as the exactly-once job intends.
 */
public final class RecommendationsView {
    public static final String STORE = "recommendations-by-user";
    /** Each user's last events ({@link RecentEventsProcessor}). */
    public static final String HISTORY_STORE = "recent-events-by-user";
    /** The list for listeners with no event yet, a global store: every instance answers it from its own copy. */
    public static final String NEW_LISTENER_STORE = "new-listener-list";
    public static final String DEFAULT_APPLICATION_ID = "encore-recommendations-view";

    private RecommendationsView() {
    }

    /**
     * The topology; {@code freshness} observes how long after its event each list reached the view, {@code events}
     * decodes the events topic's values for the history, {@code unreadableEvents} counts those it cannot.
     */
    public static Topology topology(Histogram freshness, Function<byte[], UserEvent> events, LongAdder unreadableEvents) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new RecentEventsProcessor(events, unreadableEvents), Named.as("recent-events"), HISTORY_STORE);
        builder.stream(Topics.RECOMMENDATIONS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new FreshnessProbe(freshness), Named.as("freshness"))
                .toTable(Named.as("latest-per-user"), Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        builder.globalTable(Topics.NEW_LISTENER_LISTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(NEW_LISTENER_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        return builder.build();
    }

    /** Streams settings for one instance; {@code endpoint} (host:port) is how other instances reach its REST. */
    public static Properties config(String applicationId, String bootstrapServers, Path stateDir, String endpoint,
                                    Map<String, Object> kafkaClient) {
        Properties props = new Properties();
        props.putAll(kafkaClient);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // Lists of an open (or aborted) job transaction must never be served.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        return props;
    }
}
