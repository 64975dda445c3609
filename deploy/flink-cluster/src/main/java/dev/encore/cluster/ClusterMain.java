package dev.encore.cluster;

import dev.encore.local.JavaRuntime;
import dev.encore.local.ManagedProcess;
import dev.encore.local.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs the recommendation job on a real, distributed Flink: a standalone session cluster (one JobManager, several
 * TaskManagers, each its own JVM) assembled from Maven Central's Flink 2.2 jars, with the job's cluster jar submitted
 * through the JobManager's REST API. Stays up until SIGTERM, which cancels the job and stops the cluster.
 *
 * <pre>
 * deploy/bin/encore stack --flink-cluster --replay         (the local stack runs the job this way)
 * java -cp ... dev.encore.cluster.ClusterMain --work-dir .encore/flink-cluster -- --set kafka.bootstrap-servers=...
 * </pre>
 * The JobManager's web and REST address is printed; {@code <work-dir>/flink-*.log} hold each process's log.
 */
@Command(name = "encore-flink-cluster", mixinStandardHelpOptions = true,
        description = "A Flink standalone session cluster (JobManager + TaskManagers as processes) running the recommendation job.")
public final class ClusterMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMain.class);
    static final String JOB_MANAGER = "flink-jobmanager";
    static final String TASK_MANAGER = "flink-taskmanager-";
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    @Option(names = "--work-dir", required = true, description = "Configuration, logs, PID files and RocksDB working files.")
    Path workDir;
    @Option(names = "--task-managers", defaultValue = "2") int taskManagers;
    @Option(names = "--slots", defaultValue = "4", description = "Slots per TaskManager. Default: ${DEFAULT-VALUE}.") int slots;
    @Option(names = "--parallelism", defaultValue = "4") int parallelism;
    @Option(names = "--rest-port", defaultValue = "8082", description = "The JobManager's REST and web port. Default: ${DEFAULT-VALUE}.")
    int restPort;
    @Option(names = "--metrics-port", defaultValue = "9249",
            description = "First port of the Prometheus reporters (one per process). Default: ${DEFAULT-VALUE}.") int metricsPort;
    private static final String BUILT_JARS = "stream-app/job/target";

    @Option(names = "--job-jar", description = "The job's cluster jar. Default: stream-app/job/target/encore-stream-job-<version>-cluster.jar.")
    Path jobJar;
    @Parameters(paramLabel = "JOB_ARGS", description = "The job's own arguments (after --), e.g. --set key=value.")
    List<String> jobArgs = new ArrayList<>();

    /** The one {@code encore-stream-job-<version>-cluster.jar} the build made, or null. */
    private static Path builtJobJar() throws java.io.IOException {
        Path target = Path.of(System.getProperty("encore.home", ".")).resolve(BUILT_JARS);
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var jars = Files.newDirectoryStream(target, "encore-stream-job-*-cluster.jar")) {
            List<Path> found = new ArrayList<>();
            jars.forEach(found::add);
            return found.size() == 1 ? found.get(0) : null;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path jar = jobJar != null ? jobJar : builtJobJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            System.err.println("encore-flink-cluster: no job jar" + (jar == null ? " in " + BUILT_JARS : " at " + jar)
                    + "; build it with mvn -q -DskipTests -pl stream-app/job -am package");
            return 2;
        }
        if (slots * taskManagers < parallelism) {
            System.err.println("encore-flink-cluster: " + taskManagers + " TaskManagers x " + slots + " slots cannot run parallelism "
                    + parallelism + "; raise --slots or --task-managers");
            return 2;
        }
        String host = "127.0.0.1";
        ClusterSettings settings = new ClusterSettings(host, Ports.findFree(), restPort, slots,
                metricsPort + "-" + (metricsPort + taskManagers), workDir.resolve("state"));
        Path configDir = settings.writeTo(workDir.resolve("conf"));
        // What Flink's start scripts work out for a TaskManager: its JVM's memory flags and every memory size spelt out.
        TaskExecutorProcessSpec memory = TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(settings.entries()));
        List<String> taskManagerJvm = List.of(ProcessMemoryUtils.generateJvmParametersStr(memory).trim().split("\\s+"));
        List<String> taskManagerArgs = List.of(TaskExecutorProcessUtils.generateDynamicConfigsStr(memory).trim().split("\\s+"));
        List<ManagedProcess> processes = new ArrayList<>();
        JobSubmission submission = null;
        JobID job = null;
        try {
            ManagedProcess jobManager = ManagedProcess.start(JOB_MANAGER,
                    flinkProcess(List.of("-Xmx512m"), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                            configDir, List.of()), workDir);
            processes.add(jobManager);
            jobManager.awaitReady(Duration.ofSeconds(90), () -> taskManagersRegistered() >= 0);
            for (int i = 1; i <= taskManagers; i++) {
                processes.add(ManagedProcess.start(TASK_MANAGER + i,
                        flinkProcess(taskManagerJvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", configDir, taskManagerArgs),
                        workDir));
            }
            jobManager.awaitReady(Duration.ofSeconds(90), () -> taskManagersRegistered() == taskManagers);
            LOG.info("Flink cluster up: JobManager at http://{}:{} with {} TaskManagers x {} slots", host, restPort, taskManagers, slots);
            submission = new JobSubmission(host, restPort);
            job = submission.submit(jar, jobArgs, parallelism);
            awaitRunning(submission, job);
            LOG.info("job {} running (parallelism {}) on the Flink cluster at http://{}:{}", job, parallelism, host, restPort);
        } catch (Exception e) {
            LOG.error("the Flink cluster did not start the job: {}", e.toString());
            stop(submission, job, processes);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        JobSubmission client = submission;
        JobID running = job;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(client, running, processes);
            stopped.countDown();
        }, "stop-flink-cluster"));
        watch(processes);
        stopped.await();
        return 0;
    }

    private static List<String> flinkProcess(List<String> jvm, String mainClass, Path configDir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.current().executable().toString());
        command.addAll(jvm);
        // DJL is inside the job's jar: never download, and no more torch threads than a task needs.
        command.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), mainClass, "--configDir", configDir.toString()));
        command.addAll(args);
        return command;
    }

    /** The JobManager's count of registered TaskManagers; -1 while its REST API does not answer. */
    private int taskManagersRegistered() {
        try {
            HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + restPort + "/overview")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher count = TASK_MANAGERS.matcher(overview.body());
            return overview.statusCode() == 200 && count.find() ? Integer.parseInt(count.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitRunning(JobSubmission submission, JobID job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JobStatus status = submission.status(job);
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job + " is " + status + ", not running");
            }
            Thread.sleep(250);
            status = submission.status(job);
        }
    }

    /** Says once when a cluster process exits, as a supervisor's alert would; the job fails over to what is left. */
    private static void watch(List<ManagedProcess> processes) {
        Thread watcher = new Thread(() -> {
            List<ManagedProcess> alive = new ArrayList<>(processes);
            while (!alive.isEmpty()) {
                alive.removeIf(p -> {
                    if (!p.isAlive()) {
                        LOG.warn("a Flink cluster process (pid {}) exited; the job restarts from its latest checkpoint on the others", p.pid());
                        return true;
                    }
                    return false;
                });
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "flink-cluster-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void stop(JobSubmission submission, JobID job, List<ManagedProcess> processes) {
        if (submission != null && job != null) {
            try {
                // Cancelled, not killed: its open Kafka transactions are aborted rather than left to time out.
                submission.cancel(job);
            } catch (Exception e) {
                LOG.warn("cancelling job {} failed: {}", job, e.toString());
            }
            submission.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
