package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack as a user runs it ({@code encore stack --replay}): broker, registry, model server, job and
 * view as processes; every user of the replayed events gets recommendations in the view; every metric the
 * Grafana dashboard queries is served; Ctrl-C (SIGTERM) leaves nothing running.
 */
class StackSmokeIT {
    private static final int REPLAYED = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b((?:kafka|encore|flink)_[A-Za-z0-9_]+)");

    @TempDir
    Path workDir;

    @Test
    void theWholeStackServesRecommendationsForEveryReplayedUserAndStopsCleanly() throws Exception {
        List<Long> children = new ArrayList<>();
        try (StackProcess stack = new StackProcess(workDir, REPLAYED)) {
            stack.awaitLine("replay done", Duration.ofMinutes(6));
            children.addAll(stack.servicePids());
            assertEquals(6, children.size(), "broker, registry, model server, job, continual trainer and view run as processes");

            double modelWeight = newestModelWeight();
            int items = 0;
            for (String user : stack.usersOfReplayedEvents()) {
                JsonNode list = JSON.readTree(stack.awaitRecommendations(user).body());
                assertEquals(user, list.get("userId").asText());
                assertTrue(list.get("eventsSeen").asLong() > 0);
                for (JsonNode item : list.get("items")) {
                    items++;
                    String source = item.get("source").asText();
                    // No filler: every item shown has weighted evidence, and its label is a source that can weigh.
                    assertTrue(item.get("score").asDouble() > 0, "zero-score item for " + user + ": " + item);
                    assertTrue(REASONS.containsKey(source), "unknown source for " + user + ": " + item);
                    assertTrue(item.get("reason").asText().startsWith(REASONS.get(source)), "reason of " + item);
                    assertTrue(!source.equals("MODEL") || modelWeight > 0, "labelled MODEL with model weight 0: " + item);
                }
            }
            assertTrue(items > stack.usersOfReplayedEvents().size(), "items shown: " + items);
            assertEquals(404, stack.getFromView("/users/nobody-at-all/recommendations").statusCode());

            String metrics = stack.getFromView("/metrics").body()
                    + stack.get("http://127.0.0.1:" + stack.jobMetrics + "/metrics").body()
                    + stack.get("http://127.0.0.1:" + stack.model + "/metrics").body();
            Set<String> missing = new TreeSet<>();
            for (String name : dashboardMetrics()) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(metrics).find()) {
                    missing.add(name);
                }
            }
            assertTrue(missing.isEmpty(), "dashboard panels query metrics nobody serves: " + missing);
            assertTrue(stack.stop(), "the stack stops on SIGTERM");
        }
        for (long pid : children) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " was left running");
        }
    }

    /** How each source's reason starts (the job's {@code Source} registry). */
    private static final java.util.Map<String, String> REASONS = java.util.Map.of("CF", "often played around ",
            "REPEAT", "you played it ", "TRENDING", "trending now", "CONTENT", "more by the artist of ", "MODEL",
            "fits your recent listening");

    /** The blend weight of the model the stack scores with (the newest under models/). */
    private static double newestModelWeight() throws Exception {
        try (var versions = java.nio.file.Files.list(StackPaths.home().resolve("models"))) {
            Path newest = versions.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("ranking.json")))
                    .max(Path::compareTo).orElseThrow();
            return JSON.readTree(newest.resolve("ranking.json").toFile()).get("model").asDouble();
        }
    }

    static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = JSON.readTree(StackPaths.home().resolve("deploy/grafana/encore-dashboard.json").toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
