package dev.encore.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code encore stack}: starts the local stack and keeps it running until Ctrl-C or {@code encore stop}. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start a real Kafka broker and schema registry, create the topics, register the schemas, start the "
                + "recommendation job (training a model on the bundled sample if there is none) and print live recommendations; "
                + "Ctrl-C (or 'encore stop') stops everything.")
final class StackCommand implements Callable<Integer> {
    static final String PID_FILE = "stack.pid";

    @Option(names = "--work-dir", description = "State, logs and PID files (default: .encore in the repository).")
    Path workDir = StackPaths.defaultWorkDir();

    @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
    @Option(names = "--kafka-controller-port", defaultValue = "9093") int kafkaControllerPort;
    @Option(names = "--registry-port", defaultValue = "8081") int registryPort;
    @Option(names = "--registry-management-port", defaultValue = "8091") int registryManagementPort;

    @Option(names = "--replay", description = "Replay the bundled real sample into the events topic once the stack is up, "
            + "at " + DEMO_SPEED + "x real time (about 2 minutes) unless --speed says otherwise.")
    boolean replay;

    /** The sample spans five days; this pace shows a steady stream of live updates instead of one burst. */
    static final int DEMO_SPEED = 3000;

    @Spec
    CommandSpec spec;

    @Option(names = "--secure", description = "Secure the stack: the broker takes only SASL_SSL clients (SCRAM, a certificate "
            + "made here), every program connects with the settings in <work-dir>/" + LocalStack.KAFKA_CLIENT_PROPERTIES
            + ", and the view's REST needs the bearer token in <work-dir>/" + VIEW_TOKEN + ". Default work dir: .encore/secure.")
    boolean secure;

    static final String VIEW_TOKEN = "view-token";

    @Option(names = "--no-job", description = "Start only the broker and the registry, not the model server, job and view.")
    boolean noJob;

    @Option(names = "--train-on", defaultValue = "found", paramLabel = "found|sample",
            description = "With no model yet, train on all the listening data found (../shared/data when present, else the "
                    + "bundled sample) or on the sample only (quicker). Default: ${DEFAULT-VALUE}.")
    StackModel.TrainingData trainOn;

    @Option(names = "--model-port", defaultValue = "8500") int modelPort;
    @Option(names = "--view-port", defaultValue = "8080") int viewPort;
    @Option(names = "--flink-cluster", description = "Run the job on a standalone Flink cluster (a JobManager and two "
            + "TaskManagers as processes, parallelism 4, scoring through the model server) instead of a MiniCluster.")
    boolean flinkCluster;
    @Option(names = "--flink-rest-port", defaultValue = "8082", description = "The Flink cluster's REST and web port. Default: ${DEFAULT-VALUE}.")
    int flinkRestPort;
    @Option(names = "--job-metrics-port", defaultValue = "9249") int jobMetricsPort;

    @Option(names = "--job-config", paramLabel = "FILE",
            description = "Job settings to change (keys of stream-app/job/src/main/resources/encore-job.properties).")
    Path jobConfig;

    @Mixin
    ReplayOptions replayOptions = new ReplayOptions();

    @Override
    public Integer call() throws Exception {
        LocalStack.Ports ports = new LocalStack.Ports(kafkaPort, kafkaControllerPort, registryPort, registryManagementPort);
        if (secure && !spec.commandLine().getParseResult().hasMatchedOption("--work-dir")) {
            // Its own broker: SCRAM users are created with the broker's storage.
            workDir = StackPaths.defaultWorkDir().resolve("secure");
        }
        LocalStack stack = LocalStack.start(workDir, ports, System.out, secure);
        Optional<Path> viewToken = secure ? Optional.of(ViewToken.in(workDir.resolve(VIEW_TOKEN))) : Optional.empty();
        Files.writeString(workDir.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<StackServices> services = new AtomicReference<>();
        AtomicReference<RecommendationFeed> feed = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("stopping the local stack ...");
            if (feed.get() != null) {
                feed.get().stop();
            }
            // The job first, so that its open transactions end while the broker is still there.
            if (services.get() != null) {
                services.get().close();
            }
            stack.close();
            workDir.resolve(PID_FILE).toFile().delete();
            System.out.println("stopped.");
        }, "stop-local-stack"));

        StackEndpoints endpoints = stack.endpoints();
        if (!noJob) {
            StackModel.ensure(workDir, trainOn, System.out);
            System.out.println("starting the model server, the recommendation job ("
                    + (flinkCluster ? "a Flink standalone cluster: JobManager + 2 TaskManagers" : "Flink MiniCluster")
                    + ", RocksDB state), the continual trainer and the view ...");
            services.set(StackServices.start(endpoints, workDir, jobConfig,
                    new StackServices.Ports(modelPort, viewPort, jobMetricsPort), viewToken,
                    flinkCluster ? Optional.of(flinkRestPort) : Optional.empty()));
            feed.set(new RecommendationFeed(endpoints, services.get().jobMetricsUrls(), System.out));
            Thread feeder = new Thread(feed.get(), "recommendation-feed");
            feeder.setDaemon(true);
            feeder.start();
        }
        System.out.println();
        System.out.println("Encore local stack is up.");
        System.out.println("  Kafka bootstrap servers: " + endpoints.bootstrapServers());
        System.out.println("  Schema registry (Confluent API): " + endpoints.registryUrl());
        if (secure) {
            System.out.println("  Kafka clients connect with:  " + endpoints.kafkaProperties() + " (SASL_SSL, SCRAM-SHA-512)");
            System.out.println("  REST needs:              Authorization: Bearer $(cat " + viewToken.get() + ")");
        }
        if (services.get() != null) {
            StackServices running = services.get();
            System.out.println("  Web page (listen, watch): " + running.viewUrl() + "/");
            if (flinkCluster) {
                System.out.println("  Flink cluster (web, REST): http://127.0.0.1:" + flinkRestPort + "/   logs: "
                        + workDir.resolve("flink-cluster"));
            }
            System.out.println("  Recommendations (REST):  " + running.viewUrl() + "/users/{userId}/recommendations (API: /openapi.json)");
            System.out.println("  New listeners (REST):    " + running.viewUrl() + "/new-listener/recommendations (before a first event)");
            System.out.println("  Event collector (JSON):  POST " + running.viewUrl() + "/events");
            System.out.println("  Metrics (Prometheus):    " + running.viewUrl() + "/metrics (view, lag, freshness), "
                    + String.join(", ", running.jobMetricsUrls()) + " (job), " + running.modelUrl() + "/metrics (model server)");
            System.out.println("  Grafana dashboard:       deploy/grafana/encore-dashboard.json");
        } else {
            System.out.println("  Model server, job, view: not started (--no-job)");
        }
        System.out.println("  Logs and state: " + workDir);
        System.out.println("  Replay the sample: deploy/bin/encore replay    Stop: Ctrl-C or deploy/bin/encore stop");
        System.out.println();
        if (replay) {
            if (!spec.commandLine().getParseResult().hasMatchedOption("--speed")) {
                replayOptions.speed = new ReplaySpeed(DEMO_SPEED);
            }
            new Replayer(endpoints, replayOptions, System.out).run(replayOptions.filesOrSample());
        }
        while (stack.isHealthy() && (services.get() == null || services.get().allAlive()) && !stopping.get()) {
            Thread.sleep(1000);
        }
        if (!stopping.get()) {
            System.err.println("encore: a service of the stack exited; see the logs in " + workDir);
            return 1;
        }
        return 0;
    }
}
