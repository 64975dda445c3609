package dev.encore.view;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.KafkaClientProperties;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.sdk.EventProducer;
import dev.encore.schemas.sdk.EventProducerConfig;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.view.collector.EventCollector;
import dev.encore.view.ops.JobMetricsScrape;
import dev.encore.view.ops.OpsMonitor;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running view: its Kafka Streams stores, the lag and operators' sampling, the collector's producer and the HTTP
 * server, started together and closed together. {@link ViewMain} runs one per process; tests run several in one JVM.
 */
public final class ViewInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewInstance.class);
    /** The collector's producer, named so that the broker's quotas and logs tell it apart. */
    static final String COLLECTOR_CLIENT_ID = "encore-collector";
    /** Freshness buckets in seconds: from a few milliseconds (at-least-once) to seconds (exactly-once commits). */
    static final double[] FRESHNESS_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

    /**
     * @param lagGroups      consumer groups whose lag to export besides the view's own; the first is the job's
     * @param jobMetrics     the job's Prometheus endpoints (one per Flink process), for the operators' page; none: those
     *                       figures are unknown
     * @param collectorRate  events per second each client address may post
     * @param bearerToken    when present, required on {@code /users/...} and {@code /events}
     */
    public record Settings(String applicationId, String bootstrapServers, String registryUrl, HostInfo self, Path stateDir,
                           Map<String, Object> kafkaClient, List<String> lagGroups, List<URI> jobMetrics,
                           double collectorRate, Optional<String> bearerToken) {
    }

    private final KafkaStreams streams;
    private final Histogram freshness;
    private final Admin admin;
    private final ScheduledExecutorService poller;
    private final EventProducer producer;
    private final ViewServer server;

    private ViewInstance(KafkaStreams streams, Histogram freshness, Admin admin, ScheduledExecutorService poller,
                         EventProducer producer, ViewServer server) {
        this.streams = streams;
        this.freshness = freshness;
        this.admin = admin;
        this.poller = poller;
        this.producer = producer;
        this.server = server;
    }

    public static ViewInstance start(Settings settings) throws IOException {
        PrometheusRegistry metrics = new PrometheusRegistry();
        Histogram freshness = Histogram.builder().name("encore_view_freshness_seconds")
                .help("Seconds from the triggering event reaching Kafka to its list reaching the view.")
                .classicOnly().classicUpperBounds(FRESHNESS_BUCKETS).register(metrics);
        LongAdder unreadableEvents = new LongAdder();
        AvroWireCodec<UserEvent> events = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(settings.registryUrl()), false);
        HostInfo self = settings.self();
        KafkaStreams streams = new KafkaStreams(RecommendationsView.topology(freshness, events::decode, unreadableEvents),
                RecommendationsView.config(settings.applicationId(), settings.bootstrapServers(), settings.stateDir(),
                        self.host() + ":" + self.port(), settings.kafkaClient()));
        List<String> groups = new ArrayList<>(settings.lagGroups());
        groups.add(settings.applicationId());
        Admin admin = Admin.create(KafkaClientProperties.merged(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()), settings.kafkaClient()));
        LagMonitor lag = new LagMonitor(admin, groups,
                List.of(Topics.EVENTS.name(), Topics.RECOMMENDATIONS.name(), Topics.DEAD_LETTERS.name()), Clock.systemUTC());
        Optional<JobMetricsScrape> job = settings.jobMetrics().isEmpty() ? Optional.empty() : Optional.of(new JobMetricsScrape(settings.jobMetrics()));
        OpsMonitor ops = new OpsMonitor(lag, freshness, groups.get(0), () -> job.flatMap(JobMetricsScrape::read), Clock.systemUTC());
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "view-ops-sampler");
            thread.setDaemon(true);
            return thread;
        });
        // Once a second: the operators' page plots per-second figures.
        poller.scheduleAtFixedRate(() -> {
            try {
                lag.poll();
            } catch (Exception e) {
                LOG.debug("lag poll failed: {}", e.toString());
            }
            ops.sample();
        }, 0, 1, TimeUnit.SECONDS);
        EventProducer producer = EventProducer.create(EventProducerConfig.of(settings.bootstrapServers(), settings.registryUrl())
                .withClientId(COLLECTOR_CLIENT_ID).withOverrides(settings.kafkaClient()));
        EventCollector collector = new EventCollector(producer::send, settings.collectorRate());
        streams.start();
        lag.register(metrics);
        ViewServer server = new ViewServer(new ViewServer.Parts(streams, self, settings.registryUrl(), metrics,
                unreadableEvents, collector, ops), settings.bearerToken());
        return new ViewInstance(streams, freshness, admin, poller, producer, server);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Histogram freshness() {
        return freshness;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        producer.close();
        poller.shutdownNow();
        streams.close(Duration.ofSeconds(10));
        admin.close();
    }
}
