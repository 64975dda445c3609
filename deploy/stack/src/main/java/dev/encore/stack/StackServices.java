package dev.encore.stack;

import dev.encore.local.ManagedProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's own services in the stack, each a child process with its log and PID file in the work
 * directory: the model server (for other clients and for {@code scoring.mode=remote} via {@code --job-config}),
 * the recommendation job (scoring embedded by default: on two shared cores an extra HTTP hop per list
 * doubled latency) and the recommendations view. Started in that order, stopped in reverse (the job before the broker, so that its
 * transactions end cleanly).
 */
final class StackServices implements AutoCloseable {
    /** Where each service listens (all on 127.0.0.1). */
    record Ports(int model, int view, int jobMetrics) {
        static final Ports DEFAULT = new Ports(8500, 8080, 9249);
    }

    static final String MODEL_SERVER = "model-server";
    static final String JOB = "recommendation-job";
    static final String VIEW = "recommendations-view";
    static final String TRAINER = "continual-trainer";
    /**
     * Users ranked with the attention model, without it, and with it plus the exploration slot at rank 10: does the
     * model pay its way with listeners, and what does exploring cost them?
     */
    static final List<String> DEMO_EXPERIMENT = List.of("experiment.arms=model:40,no-model:30,explore:30", "explore.rank=10");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The TaskManagers of {@code --flink-cluster}; with four slots each, one left can run the job at parallelism 4. */
    static final int TASK_MANAGERS = 2;

    private final List<ManagedProcess> started = new ArrayList<>();
    private final Ports ports;
    /** Flink processes serving metrics: the MiniCluster's one, or a cluster's JobManager and TaskManagers. */
    private final int metricsProcesses;

    private StackServices(Ports ports, int metricsProcesses) {
        this.ports = ports;
        this.metricsProcesses = metricsProcesses;
    }

    /**
     * @param viewToken    a file holding the bearer token the view's REST requires, if it requires one
     * @param flinkCluster the REST port of a standalone Flink cluster to run the job on; empty: a MiniCluster
     */
    static StackServices start(StackEndpoints endpoints, Path workDir, Path jobConfig, Ports ports, Optional<Path> viewToken,
                               Optional<Integer> flinkCluster) {
        StackServices services = new StackServices(ports, flinkCluster.isPresent() ? 1 + TASK_MANAGERS : 1);
        try {
            services.started.add(startModelServer(workDir, ports));
            // The stack's own demo runs an experiment, so that the feed and `encore report` compare arms; a
            // user's --job-config decides for itself.
            List<String> experiment = jobConfig == null ? DEMO_EXPERIMENT : List.of();
            services.started.add(flinkCluster.isPresent()
                    ? startJobOnCluster(endpoints, workDir, jobConfig, ports, flinkCluster.get(), experiment)
                    : startJob(endpoints, workDir, jobConfig, ports, experiment));
            services.started.add(startTrainer(endpoints, workDir));

            List<String> viewArgs = new ArrayList<>(List.of(
                    "--bootstrap-servers", endpoints.bootstrapServers(), "--registry-url", endpoints.registryUrl(),
                    "--port", Integer.toString(ports.view()), "--state-dir", workDir.resolve("view").toString(),
                    "--job-metrics-url", String.join(",", services.jobMetricsUrls())));
            if (!endpoints.kafkaProperties().isEmpty()) {
                viewArgs.addAll(List.of("--kafka-properties", endpoints.kafkaProperties()));
            }
            viewToken.ifPresent(token -> viewArgs.addAll(List.of("--token-file", token.toString())));
            ManagedProcess view = services.launch(VIEW, ProjectApp.VIEW.command(viewArgs), workDir);
            view.awaitReady(Duration.ofSeconds(90), () -> answers200(services.viewUrl() + "/ready"));
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** The model server, ready to score. */
    static ManagedProcess startModelServer(Path workDir, Ports ports) {
        ManagedProcess model = ManagedProcess.start(MODEL_SERVER, ProjectApp.MODEL.command(List.of("serve",
                "--port", Integer.toString(ports.model()), "--models-dir", StackModel.modelsDir().toString())), workDir);
        model.awaitReady(Duration.ofSeconds(90), () -> answers200(modelUrl(ports) + "/ready"));
        return model;
    }

    /**
     * The continual trainer: follows the events topic and publishes a warm-started model version every minute or
     * 5,000 new events into the models folder, keeping three; the job's embedded scoring swaps to each.
     */
    static ManagedProcess startTrainer(StackEndpoints endpoints, Path workDir) {
        List<String> args = new ArrayList<>(List.of("continual", "--bootstrap-servers", endpoints.bootstrapServers(),
                "--registry-url", endpoints.registryUrl(), "--models-dir", StackModel.modelsDir().toString(),
                "--every-seconds", "60", "--events", "5000", "--keep", "3"));
        if (!endpoints.kafkaProperties().isEmpty()) {
            args.addAll(List.of("--kafka-properties", endpoints.kafkaProperties()));
        }
        ManagedProcess trainer = ManagedProcess.start(TRAINER, ProjectApp.TRAINER.command(args), workDir);
        trainer.awaitReady(Duration.ofSeconds(90), () -> trainer.logContains("continuing from model"));
        return trainer;
    }

    /** The recommendation job against the stack, its job submitted; {@code settings} are more {@code key=value}s. */
    static ManagedProcess startJob(StackEndpoints endpoints, Path workDir, Path jobConfig, Ports ports, List<String> settings) {
        ManagedProcess job = ManagedProcess.start(JOB, ProjectApp.JOB.command(jobArgs(endpoints, workDir, jobConfig, ports, settings)), workDir);
        job.awaitReady(Duration.ofSeconds(90), () -> job.logContains("running (parallelism"));
        return job;
    }

    /**
     * The recommendation job on a standalone Flink cluster of two TaskManagers (four slots each) started for it, at
     * parallelism 4, scoring through the model server as a deployed job does; the cluster's Prometheus reporters
     * listen from {@code ports.jobMetrics()} on (the JobManager's, then each TaskManager's).
     */
    static ManagedProcess startJobOnCluster(StackEndpoints endpoints, Path workDir, Path jobConfig, Ports ports, int restPort,
                                            List<String> settings) {
        List<String> args = new ArrayList<>(List.of("--work-dir", workDir.resolve("flink-cluster").toString(),
                "--rest-port", Integer.toString(restPort), "--metrics-port", Integer.toString(ports.jobMetrics()),
                "--task-managers", Integer.toString(TASK_MANAGERS), "--slots", "4", "--parallelism", "4", "--"));
        List<String> onCluster = new ArrayList<>(List.of("scoring.mode=remote", "job.parallelism=4"));
        onCluster.addAll(settings);
        args.addAll(jobArgs(endpoints, workDir, jobConfig, ports, onCluster));
        ManagedProcess job = ManagedProcess.start(JOB, ProjectApp.FLINK_CLUSTER.command(args), workDir);
        job.awaitReady(Duration.ofSeconds(300), () -> job.logContains("running (parallelism"));
        return job;
    }

    private static List<String> jobArgs(StackEndpoints endpoints, Path workDir, Path jobConfig, Ports ports, List<String> settings) {
        List<String> args = new ArrayList<>();
        if (jobConfig != null) {
            args.addAll(List.of("--config", jobConfig.toAbsolutePath().toString()));
        }
        args.addAll(List.of(
                "--set", "kafka.bootstrap-servers=" + endpoints.bootstrapServers(),
                "--set", "registry.url=" + endpoints.registryUrl(),
                "--set", "scoring.server-url=" + modelUrl(ports),
                "--set", "scoring.models-dir=" + StackModel.modelsDir(),
                "--set", "metrics.prometheus-port=" + ports.jobMetrics(),
                "--set", "state.dir=" + workDir.resolve("flink"),
                "--set", "kafka.client-properties=" + endpoints.kafkaProperties()));
        settings.forEach(setting -> args.addAll(List.of("--set", setting)));
        return args;
    }

    private ManagedProcess launch(String name, List<String> command, Path workDir) {
        ManagedProcess process = ManagedProcess.start(name, command, workDir);
        started.add(process);
        return process;
    }

    String modelUrl() {
        return modelUrl(ports);
    }

    private static String modelUrl(Ports ports) {
        return "http://127.0.0.1:" + ports.model();
    }

    String viewUrl() {
        return "http://127.0.0.1:" + ports.view();
    }

    /** The job's Prometheus endpoints: a cluster's reporters take consecutive ports from the first. */
    List<String> jobMetricsUrls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < metricsProcesses; i++) {
            urls.add("http://127.0.0.1:" + (ports.jobMetrics() + i) + "/metrics");
        }
        return urls;
    }

    boolean allAlive() {
        return started.stream().allMatch(ManagedProcess::isAlive);
    }

    static boolean answers200(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
