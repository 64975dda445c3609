package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.local.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encore stack --flink-cluster --replay}: the job's cluster jar submitted through Flink's REST API to a
 * standalone session cluster of real processes (a JobManager, two TaskManagers of four slots) at parallelism 4. One
 * TaskManager is killed (SIGKILL) while events flow; the job must restart on the other from its latest checkpoint and
 * account for every event exactly once, as {@link DrillsIT} checks for a killed MiniCluster process.
 */
class StandaloneClusterIT {
    /** The job's {@code kafka.group-id} by default (encore-job.properties): its committed position on the events. */
    private static final String JOB_GROUP = "encore-recommendations";
    private static final int REPLAYED = 2000;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aKilledTaskManagerIsRecoveredFromTheCheckpointWithNothingLost() throws Exception {
        int rest = Ports.findFree();
        String flink = "http://127.0.0.1:" + rest;
        try (StackProcess stack = new StackProcess(dir, REPLAYED, "1000", new String[] {"--flink-cluster", "--flink-rest-port", Integer.toString(rest)})) {
            stack.awaitLine("Encore local stack is up", Duration.ofMinutes(6));
            assertTrue(stack.get(flink + "/").body().contains("Apache Flink"), "the JobManager serves Flink's web UI");
            String jobId = runningJob(stack, flink);
            JsonNode job = json.readTree(stack.get(flink + "/jobs/" + jobId).body());
            assertTrue(job.path("vertices").findValues("parallelism").stream().anyMatch(p -> p.asInt() == 4), job.toString());

            stack.awaitLine("recommendations: ", Duration.ofMinutes(2));
            awaitCompletedCheckpoint(stack, flink, jobId);
            assertFalse(stack.printed().contains("replay done"), "the TaskManager must die mid-stream; the replay had ended");
            long taskManager = Long.parseLong(Files.readString(dir.resolve("flink-cluster/flink-taskmanager-1.pid")).strip());
            long killedAt = System.nanoTime();
            assertTrue(ProcessHandle.of(taskManager).orElseThrow().destroyForcibly(), "SIGKILL to TaskManager " + taskManager);

            JsonNode restored = awaitRestore(stack, flink, jobId);
            System.out.printf("TaskManager killed; the job runs again from checkpoint %d %.1f s later%n",
                    restored.path("id").asLong(), (System.nanoTime() - killedAt) / 1e9);
            stack.awaitLine("replay done", Duration.ofMinutes(6));
            StackEndpoints endpoints = StackEndpoints.readFrom(dir).orElseThrow();
            try {
                JobDrain.await(endpoints, JOB_GROUP);
            } catch (IllegalStateException e) {
                throw new AssertionError(e.getMessage() + "\n" + diagnosis(stack, flink, jobId), e);
            }
            OutputAudit audit = OutputAudit.read(endpoints);
            System.out.println(audit);

            assertEquals(REPLAYED, audit.events(), audit.toString());
            assertEquals(0, audit.lost(), audit.toString());
            assertEquals(0, audit.duplicated(), audit.toString());
            assertEquals(0, audit.miscounted(), audit.toString());
            assertEquals(REPLAYED, audit.lists() + audit.superseded() + audit.deadLetters(),
                    "each event has its own list, was seen by its user's next list or is a dead letter: " + audit);
            assertTrue(audit.lists() > REPLAYED / 2, audit.toString());
            assertTrue(restored.path("id").asLong() > 0, restored.toString());
            JsonNode ops = json.readTree(stack.getFromView("/ops").body());
            assertTrue(ops.path("hitRateByModelVersion").size() > 0,
                    "the view sums the job's counters from the TaskManagers' metrics endpoints: " + ops.path("hitRateByModelVersion"));
        }
    }

    /**
     * What the JobManager says of the job and its checkpoints, and the cluster's last warnings: the job commits its
     * position only with a completed checkpoint, so a drain that never ends needs these to be explained.
     */
    private String diagnosis(StackProcess stack, String flink, String jobId) throws Exception {
        StringBuilder out = new StringBuilder();
        JsonNode checkpoints = json.readTree(stack.get(flink + "/jobs/" + jobId + "/checkpoints").body());
        out.append("job state: ").append(json.readTree(stack.get(flink + "/jobs/" + jobId).body()).path("state").asText())
                .append("\ncheckpoint counts: ").append(checkpoints.path("counts"))
                .append("\nlatest completed: ").append(checkpoints.path("latest").path("completed").path("id"))
                .append(", latest failed: ").append(checkpoints.path("latest").path("failed"))
                .append("\nroot exception: ").append(json.readTree(stack.get(flink + "/jobs/" + jobId + "/exceptions").body())
                        .path("root-exception").asText("").lines().limit(3).toList());
        try (var logs = Files.list(dir.resolve("flink-cluster"))) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                List<String> warnings = Files.readAllLines(log).stream()
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
                out.append("\n").append(log.getFileName()).append(": last warnings\n");
                warnings.subList(Math.max(0, warnings.size() - 15), warnings.size())
                        .forEach(line -> out.append("  ").append(line, 0, Math.min(line.length(), 300)).append('\n'));
            }
        }
        return out.toString();
    }

    private String runningJob(StackProcess stack, String flink) throws Exception {
        JsonNode jobs = json.readTree(stack.get(flink + "/jobs/overview").body()).path("jobs");
        assertEquals(1, jobs.size(), jobs.toString());
        assertEquals("RUNNING", jobs.get(0).path("state").asText(), jobs.toString());
        return jobs.get(0).path("jid").asText();
    }

    private void awaitCompletedCheckpoint(StackProcess stack, String flink, String jobId) throws Exception {
        awaitCheckpoints(stack, flink, jobId, "a completed checkpoint",
                checkpoints -> checkpoints.path("counts").path("completed").asLong() > 0);
    }

    /** Waits until the job runs again restored from a checkpoint; returns the restored checkpoint's summary. */
    private JsonNode awaitRestore(StackProcess stack, String flink, String jobId) throws Exception {
        JsonNode checkpoints = awaitCheckpoints(stack, flink, jobId, "a restore from a checkpoint",
                c -> c.path("latest").path("restored").isObject());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String state;
        do {
            state = json.readTree(stack.get(flink + "/jobs/" + jobId).body()).path("state").asText();
            if (state.equals("RUNNING")) {
                return checkpoints.path("latest").path("restored");
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the job is " + state + " two minutes after its restore");
    }

    private JsonNode awaitCheckpoints(StackProcess stack, String flink, String jobId, String what,
                                      Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode checkpoints;
        do {
            checkpoints = json.readTree(stack.get(flink + "/jobs/" + jobId + "/checkpoints").body());
            if (done.test(checkpoints)) {
                return checkpoints;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " within two minutes: " + checkpoints);
    }
}
