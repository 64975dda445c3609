package dev.encore.stack;

import dev.encore.local.ManagedProcess;
import dev.encore.local.Ports;
import dev.encore.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Faults injected into the real local stack while it replays real listening events: the job process killed with
 * SIGKILL and started again from its latest checkpoint (as a supervisor would), the broker restarted, the model
 * server killed while the job scores through it and brought back. Afterwards every event is accounted for
 * ({@link OutputAudit}) and each fault's recovery is timed from the lists a read_committed reader saw
 * ({@link ListTimes}).
 */
final class Drills {
    enum Fault { JOB_KILL, BROKER_RESTART, MODEL_SERVER_KILL }

    /** What to inject, and how fast to replay. */
    record Settings(int jobKills, boolean brokerRestart, boolean modelServerKill, ReplaySpeed speed, Long limit, long seed) {
    }

    /**
     * One injected fault: when, the last list ranked before it, how long until a list was ranked and became visible
     * again, and for a model-server kill how long until the model scored a list again (-1: never within the drill).
     */
    record FaultResult(Fault fault, long atMillis, long lastRankedBeforeMillis, double rankedAfterSeconds,
                       double visibleAfterSeconds, double scoredAfterSeconds) {
    }

    record Result(Settings settings, ReplayResult replay, double replaySeconds, List<FaultResult> faults, int planned,
                  OutputAudit audit) {
    }

    private static final String GROUP_ID = "encore-drills";
    /** Marks a directory as a drill's own, so that the next drill may empty it. */
    static final String MARKER = ".encore-drills";
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);
    private static final Duration MODEL_SERVER_DOWN = Duration.ofSeconds(5);

    private final Settings settings;
    private final Path workDir;
    private final PrintStream out;
    private final Random random;

    Drills(Settings settings, Path workDir, PrintStream out) {
        this.settings = settings;
        this.workDir = workDir;
        this.out = out;
        this.random = new Random(settings.seed());
    }

    Result run() throws Exception {
        startAfresh(workDir);
        LocalStack.Ports stackPorts = new LocalStack.Ports(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
        StackServices.Ports servicePorts = new StackServices.Ports(Ports.findFree(), Ports.findFree(), Ports.findFree());
        // A restarted job process starts from the newest complete checkpoint of any earlier run.
        List<String> jobSettings = List.of("restore.from=latest", "kafka.group-id=" + GROUP_ID,
                "scoring.mode=" + (settings.modelServerKill() ? "remote" : "off"));
        ExecutorService replays = Executors.newSingleThreadExecutor();
        ManagedProcess model = null;
        ManagedProcess job = null;
        try (LocalStack stack = LocalStack.start(workDir, stackPorts, out)) {
            StackEndpoints endpoints = stack.endpoints();
            if (settings.modelServerKill()) {
                // The drills test recovery, not quality: the quick sample model does.
                StackModel.ensure(workDir, StackModel.TrainingData.SAMPLE, out);
                model = StackServices.startModelServer(workDir, servicePorts);
            }
            job = StackServices.startJob(endpoints, workDir, null, servicePorts, jobSettings);
            out.println("job started (" + String.join(", ", jobSettings) + "); replaying the sample at " + settings.speed());
            try (ListTimes times = ListTimes.start(endpoints);
                 PrintStream replayLog = new PrintStream(Files.newOutputStream(workDir.resolve("replay.log")), true)) {
                List<String> replayArgs = new ArrayList<>(List.of("--speed", settings.speed().toString()));
                if (settings.limit() != null) {
                    replayArgs.addAll(List.of("--limit", settings.limit().toString()));
                }
                ReplayOptions options = CommandLine.populateCommand(new ReplayOptions(), replayArgs.toArray(String[]::new));
                long replayStart = System.nanoTime();
                Future<ReplayResult> replay = replays.submit(() -> new Replayer(endpoints, options, replayLog)
                        .run(options.filesOrSample()));

                List<Fault> plan = plan();
                List<Long> injectedAt = new ArrayList<>();
                List<Fault> injected = new ArrayList<>();
                long recoveredAfter = 0;
                for (Fault fault : plan) {
                    awaitList(times, recoveredAfter);
                    Thread.sleep(2_000 + random.nextInt(4_000));
                    if (replay.isDone()) {
                        out.println("the replay ended before the remaining " + (plan.size() - injected.size()) + " faults");
                        break;
                    }
                    long at = System.currentTimeMillis();
                    out.println("fault " + (injected.size() + 1) + "/" + plan.size() + ": " + fault);
                    switch (fault) {
                        case JOB_KILL -> {
                            job.kill();
                            job = StackServices.startJob(endpoints, workDir, null, servicePorts, jobSettings);
                        }
                        case BROKER_RESTART -> stack.restartBroker();
                        case MODEL_SERVER_KILL -> {
                            model.kill();
                            Thread.sleep(MODEL_SERVER_DOWN.toMillis());
                            model = StackServices.startModelServer(workDir, servicePorts);
                        }
                    }
                    injected.add(fault);
                    injectedAt.add(at);
                    recoveredAfter = at;
                }
                awaitList(times, recoveredAfter);
                ReplayResult replayed = replay.get();
                double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
                out.printf("replay done: %,d events in %.0f s; waiting for the job to drain ...%n", replayed.sent(), replaySeconds);
                JobDrain.await(endpoints, GROUP_ID);
                List<FaultResult> results = new ArrayList<>();
                for (int i = 0; i < injected.size(); i++) {
                    results.add(result(times, injected.get(i), injectedAt.get(i)));
                }
                OutputAudit audit = OutputAudit.read(endpoints);
                return new Result(settings, replayed, replaySeconds, results, plan.size(), audit);
            }
        } finally {
            replays.shutdownNow();
            if (job != null) {
                job.close();
            }
            if (model != null) {
                model.close();
            }
        }
    }

    /** The faults in a random order, the broker restart and the model-server kill among the job kills. */
    private List<Fault> plan() {
        List<Fault> plan = new ArrayList<>(Collections.nCopies(settings.jobKills(), Fault.JOB_KILL));
        if (settings.brokerRestart()) {
            plan.add(Fault.BROKER_RESTART);
        }
        if (settings.modelServerKill()) {
            plan.add(Fault.MODEL_SERVER_KILL);
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    /** Waits until a list ranked after {@code millis} is visible: the pipeline answers again. */
    private static void awaitList(ListTimes times, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (times.firstRankedAfter(millis) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no list was ranked within " + RECOVERY_LIMIT.toSeconds()
                        + " s of the last fault: the pipeline did not recover (logs under the drill's work directory)");
            }
            Thread.sleep(100);
        }
    }

    private static FaultResult result(ListTimes times, Fault fault, long at) {
        long[] first = times.firstRankedAfter(at);
        long[] scored = times.firstScoredAfter(at);
        return new FaultResult(fault, at, times.lastRankedBefore(at), (first[0] - at) / 1000.0, (first[1] - at) / 1000.0,
                scored == null ? -1 : (scored[1] - at) / 1000.0);
    }

    /**
     * Empties the work directory of an earlier drill (marked by {@value #MARKER}), or makes a new one; anything else is
     * refused rather than deleted, since the directory is the user's to choose.
     */
    private static void startAfresh(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalArgumentException("--work-dir " + dir + " holds files of something else than a drill: "
                        + "pass a new or empty directory");
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "the work directory of 'encore drills'; emptied at its next run\n");
    }
}
