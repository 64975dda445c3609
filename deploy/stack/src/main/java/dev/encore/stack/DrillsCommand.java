package dev.encore.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore drills}: the reliability drill. Starts its own local stack (free ports, its own work directory),
 * replays the bundled real sample into it and, mid-stream, kills the job process (SIGKILL) and restarts it from its
 * latest checkpoint, restarts the broker, and kills the model server while the job scores through it. Then it
 * accounts for every event and writes the figures to {@code benchmarks/results/drills.json}.
 *
 * <pre>
 * deploy/bin/encore drills                                     # 10 job kills, a broker restart, a model-server kill
 * deploy/bin/encore drills --job-kills 2 --no-broker-restart --no-model-server-kill --limit 3000
 * </pre>
 */
@Command(name = "drills", mixinStandardHelpOptions = true,
        description = "Kill and restart parts of a local stack while it replays real events; account for every event.")
final class DrillsCommand implements Callable<Integer> {
    @Option(names = "--work-dir", description = "The drill's own stack state and logs (emptied first; default: .encore/drills).")
    Path workDir = StackPaths.defaultWorkDir().resolve("drills");

    @Option(names = "--job-kills", defaultValue = "10", description = "How often to kill -9 the job process. Default: ${DEFAULT-VALUE}.")
    int jobKills;

    @Option(names = "--broker-restart", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Restart the Kafka broker once (default: yes).")
    boolean brokerRestart;

    @Option(names = "--model-server-kill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score through the model server and kill it once (default: yes; no: scoring off).")
    boolean modelServerKill;

    @Option(names = "--speed", defaultValue = "1000", converter = ReplaySpeed.Converter.class,
            description = "Replay speed, times real time (the sample's five days take about 8 min at 1000, time for 12 faults "
                    + "at about 35 s each on two cores). Default: ${DEFAULT-VALUE}.")
    ReplaySpeed speed;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N events.")
    Long limit;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault order and timing. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", description = "Where to write the results (default: benchmarks/results/drills.json).")
    Path outFile = StackPaths.home().resolve("benchmarks/results/drills.json");

    @Override
    public Integer call() throws Exception {
        if (jobKills < 0) {
            throw new IllegalArgumentException("--job-kills must be 0 or more, was " + jobKills);
        }
        Drills.Settings settings = new Drills.Settings(jobKills, brokerRestart, modelServerKill, speed, limit, seed);
        Drills.Result result = new Drills(settings, workDir, System.out).run();
        Map<String, Object> json = toJson(result);
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outFile.toFile(), json);
        OutputAudit audit = result.audit();
        System.out.printf("events %,d, lists %,d, superseded %,d, dead letters %,d: lost %d, duplicated %d, miscounted %d%n",
                audit.events(), audit.lists(), audit.superseded(), audit.deadLetters(), audit.lost(), audit.duplicated(), audit.miscounted());
        for (Drills.FaultResult fault : result.faults()) {
            System.out.printf("  %-18s next list ranked after %5.1f s, visible after %5.1f s%s%n", fault.fault(),
                    fault.rankedAfterSeconds(), fault.visibleAfterSeconds(), fault.fault() == Drills.Fault.MODEL_SERVER_KILL
                            ? String.format(", scored by the model again after %.1f s", fault.scoredAfterSeconds()) : "");
        }
        System.out.println("results: " + outFile);
        boolean allInjected = result.faults().size() == result.planned();
        if (!allInjected) {
            System.err.println("encore: only " + result.faults().size() + " of " + result.planned()
                    + " faults were injected before the replay ended: replay slower (--speed) or fewer faults");
        }
        return audit.clean() && allInjected ? 0 : 1;
    }

    private static Map<String, Object> toJson(Drills.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finishedAt", Instant.now().toString());
        Drills.Settings s = result.settings();
        json.put("command", "deploy/bin/encore drills --job-kills " + s.jobKills() + (s.brokerRestart() ? "" : " --no-broker-restart")
                + (s.modelServerKill() ? "" : " --no-model-server-kill") + " --speed " + s.speed()
                + (s.limit() == null ? "" : " --limit " + s.limit()) + " --seed " + s.seed());
        json.put("replay", ordered("eventsSent", result.replay().sent(), "failedToSend", result.replay().failed(),
                "seconds", Math.round(result.replaySeconds())));
        List<Map<String, Object>> faults = new ArrayList<>();
        for (Drills.FaultResult f : result.faults()) {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("fault", f.fault().name());
            fault.put("at", Instant.ofEpochMilli(f.atMillis()).toString());
            fault.put("lastListRankedBeforeMs", f.lastRankedBeforeMillis() < 0 ? -1 : f.atMillis() - f.lastRankedBeforeMillis());
            fault.put("nextListRankedAfterSeconds", f.rankedAfterSeconds());
            fault.put("nextListVisibleAfterSeconds", f.visibleAfterSeconds());
            if (f.fault() == Drills.Fault.MODEL_SERVER_KILL) {
                fault.put("scoredByTheModelAgainAfterSeconds", f.scoredAfterSeconds());
            }
            faults.add(fault);
        }
        json.put("faults", faults);
        json.put("recoverySecondsByFault", result.faults().stream().collect(Collectors.groupingBy(f -> f.fault().name(),
                LinkedHashMap::new, Collectors.collectingAndThen(Collectors.toList(), DrillsCommand::summary))));
        OutputAudit a = result.audit();
        json.put("audit", ordered("events", a.events(), "lists", a.lists(), "superseded", a.superseded(), "deadLetters", a.deadLetters(), "lost", a.lost(),
                "duplicated", a.duplicated(), "miscounted", a.miscounted()));
        return json;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Median and maximum of the time until the next list was visible. */
    private static Map<String, Object> summary(List<Drills.FaultResult> faults) {
        double[] visible = faults.stream().mapToDouble(Drills.FaultResult::visibleAfterSeconds).sorted().toArray();
        double median = visible.length % 2 == 1 ? visible[visible.length / 2]
                : (visible[visible.length / 2 - 1] + visible[visible.length / 2]) / 2;
        return ordered("count", visible.length, "medianVisibleAfter", median, "maxVisibleAfter", visible[visible.length - 1]);
    }
}
