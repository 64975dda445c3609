package dev.encore.view;

import dev.encore.schemas.KafkaClientProperties;
import dev.encore.schemas.Topics;
import dev.encore.schemas.prometheus.Histogram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one instance of the recommendations view. Start several with the same application id and different
 * ports to split the partitions; each answers for all users.
 *
 * <pre>
 * stream-app/bin/encore-view --bootstrap-servers 127.0.0.1:9092 --registry-url http://127.0.0.1:8081/apis/ccompat/v7 --port 8080
 * curl localhost:8080/users/41597/recommendations
 * </pre>
 */
@Command(name = "encore-view", mixinStandardHelpOptions = true,
        description = "Each user's latest recommendations over REST, from a Kafka Streams store; lag and freshness metrics.")
public final class ViewMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMain.class);
    /** Freshness buckets in seconds: from a few milliseconds (at-least-once) to seconds (exactly-once commits). */
    static final double[] FRESHNESS_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092") String bootstrapServers;
    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8081/apis/ccompat/v7") String registryUrl;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on, as other instances reach it.") String host;
    @Option(names = "--port", defaultValue = "8080") int port;
    @Option(names = "--application-id", defaultValue = RecommendationsView.DEFAULT_APPLICATION_ID) String applicationId;
    @Option(names = "--state-dir", defaultValue = ".encore/view") Path stateDir;
    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for the view's clients.")
    String kafkaProperties;
    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token that /users/... requests must send (default: no token needed).")
    Path tokenFile;
    @Option(names = "--lag-groups", split = ",", defaultValue = "encore-recommendations",
            description = "Consumer groups whose lag to export besides this view's own. Default: ${DEFAULT-VALUE}.")
    List<String> lagGroups;

    private static Optional<String> readToken(Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty() || token.contains(" ")) {
                throw new IllegalArgumentException("--token-file " + file + " must hold one token without spaces");
            }
            return Optional.of(token);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --token-file " + file + ": " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ViewMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            System.err.println("encore-view: --port must be between 1 and 65535, was " + port);
            return 2;
        }
        Map<String, Object> kafkaClient;
        Optional<String> token;
        try {
            kafkaClient = KafkaClientProperties.load(kafkaProperties);
            token = readToken(tokenFile);
        } catch (IllegalArgumentException e) {
            System.err.println("encore-view: " + e.getMessage());
            return 2;
        }
        Histogram freshness = new Histogram("encore_view_freshness_seconds",
                "Seconds from the triggering event reaching Kafka to its list reaching the view.", FRESHNESS_BUCKETS);
        KafkaStreams streams = new KafkaStreams(RecommendationsView.topology(freshness),
                RecommendationsView.config(applicationId, bootstrapServers, stateDir.resolve(Integer.toString(port)), host + ":" + port,
                        kafkaClient));
        List<String> groups = new ArrayList<>(lagGroups);
        groups.add(applicationId);
        Admin admin = Admin.create(KafkaClientProperties.merged(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                kafkaClient));
        LagMonitor lag = new LagMonitor(admin, groups,
                List.of(Topics.EVENTS.name(), Topics.RECOMMENDATIONS.name(), Topics.DEAD_LETTERS.name()), Clock.systemUTC());
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lag-monitor");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                lag.poll();
            } catch (Exception e) {
                LOG.debug("lag poll failed: {}", e.toString());
            }
        }, 0, 5, TimeUnit.SECONDS);
        streams.start();
        ViewServer server = new ViewServer(streams, new HostInfo(host, port), registryUrl, lag, freshness, token);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            poller.shutdownNow();
            streams.close(java.time.Duration.ofSeconds(10));
            admin.close();
            stopped.countDown();
        }, "stop-view"));
        LOG.info("recommendations view serving on http://{}:{}/users/{{id}}/recommendations", host, server.port());
        stopped.await();
        return 0;
    }
}
