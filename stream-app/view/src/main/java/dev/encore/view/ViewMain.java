package dev.encore.view;

import dev.encore.schemas.KafkaClientProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
 * open http://localhost:8080/   (the page: a listener's live list; the operators' figures)
 * </pre>
 */
@Command(name = "encore-view", mixinStandardHelpOptions = true,
        description = "Each user's latest recommendations over REST and a web page, from a Kafka Streams store; an HTTP event "
                + "collector; lag and freshness metrics.")
public final class ViewMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMain.class);

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
            description = "Consumer groups whose lag to export besides this view's own; the first is the job's, "
                    + "shown on the operators' page. Default: ${DEFAULT-VALUE}.")
    List<String> lagGroups;
    @Option(names = "--job-metrics-url", paramLabel = "URL", split = ",",
            description = "The job's Prometheus endpoint (e.g. http://127.0.0.1:9249/metrics), for dead letters, degraded share "
                    + "and hit rate on the operators' page; on a Flink cluster, each TaskManager's, comma-separated (their "
                    + "counters are summed). Default: none (those figures show as unknown).")
    List<URI> jobMetricsUrls = new ArrayList<>();
    @Option(names = "--collector-rate", defaultValue = "50", paramLabel = "EVENTS_PER_SECOND",
            description = "Events per second each client address may post to /events (bursts to twice that). Default: ${DEFAULT-VALUE}.")
    double collectorRate;

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
        if (!(collectorRate > 0)) {
            System.err.println("encore-view: --collector-rate must be a positive number of events per second, was " + collectorRate);
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
        ViewInstance view = ViewInstance.start(new ViewInstance.Settings(applicationId, bootstrapServers, registryUrl,
                new HostInfo(host, port), stateDir.resolve(Integer.toString(port)), kafkaClient, lagGroups,
                jobMetricsUrls, collectorRate, token));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.close();
            stopped.countDown();
        }, "stop-view"));
        LOG.info("recommendations view serving on http://{}:{}/ (page), /users/{{id}}/recommendations, POST /events", host, view.port());
        stopped.await();
        return 0;
    }
}
