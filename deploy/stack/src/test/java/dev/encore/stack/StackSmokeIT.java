package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.local.JavaRuntime;
import dev.encore.local.Ports;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        int view = Ports.findFree();
        int model = Ports.findFree();
        int jobMetrics = Ports.findFree();
        List<String> command = List.of(JavaRuntime.current().executable().toString(),
                "-Dencore.home=" + StackPaths.home(), "-cp", System.getProperty("java.class.path"), EncoreCli.class.getName(),
                "stack", "--replay", "--speed", "max", "--limit", Integer.toString(REPLAYED), "--work-dir", workDir.toString(),
                "--kafka-port", Integer.toString(Ports.findFree()), "--kafka-controller-port", Integer.toString(Ports.findFree()),
                "--registry-port", Integer.toString(Ports.findFree()), "--registry-management-port", Integer.toString(Ports.findFree()),
                "--model-port", Integer.toString(model), "--view-port", Integer.toString(view),
                "--job-metrics-port", Integer.toString(jobMetrics));
        Path console = workDir.resolve("console.txt");
        Process stack = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        List<Long> children = new ArrayList<>();
        try {
            awaitLine(stack, console, "replay done", Duration.ofMinutes(6));
            children.addAll(pids());
            assertEquals(5, children.size(), "broker, registry, model server, job and view run as processes");

            HttpClient http = HttpClient.newHttpClient();
            for (String user : usersOfReplayedEvents()) {
                JsonNode list = awaitRecommendations(http, view, user);
                assertEquals(user, list.get("userId").asText());
                assertTrue(list.get("eventsSeen").asLong() > 0);
            }
            assertEquals(404, get(http, "http://127.0.0.1:" + view + "/users/nobody-at-all/recommendations").statusCode());

            String metrics = get(http, "http://127.0.0.1:" + view + "/metrics").body()
                    + get(http, "http://127.0.0.1:" + jobMetrics + "/metrics").body()
                    + get(http, "http://127.0.0.1:" + model + "/metrics").body();
            Set<String> missing = new TreeSet<>();
            for (String name : dashboardMetrics()) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(metrics).find()) {
                    missing.add(name);
                }
            }
            assertTrue(missing.isEmpty(), "dashboard panels query metrics nobody serves: " + missing);
        } finally {
            stack.destroy();
            assertTrue(stack.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the stack stops on SIGTERM");
        }
        for (long pid : children) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " was left running");
        }
    }

    /** The users of the replayed events (the last few are left out: ties in event time may order them after the limit). */
    private static Set<String> usersOfReplayedEvents() throws Exception {
        List<Listen> listens = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(StackPaths.bundledSample())).listens();
        return listens.stream().sorted(Comparator.comparing(Listen::eventTime)).limit(REPLAYED - 100)
                .map(l -> l.toUserEvent().getUserId()).collect(Collectors.toCollection(TreeSet::new));
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

    private List<Long> pids() throws Exception {
        try (Stream<Path> files = Files.list(workDir)) {
            List<Long> pids = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".pid") && !f.getFileName().toString().equals(StackCommand.PID_FILE)).toList()) {
                pids.add(Long.parseLong(Files.readString(file).strip()));
            }
            return pids;
        }
    }

    private static JsonNode awaitRecommendations(HttpClient http, int port, String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> response;
        do {
            response = get(http, "http://127.0.0.1:" + port + "/users/" + user + "/recommendations");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no recommendations for user " + user + " in the view: " + response.statusCode() + " " + response.body());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitLine(Process stack, Path console, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String printed = Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
            if (printed.contains(text)) {
                return;
            }
            if (!stack.isAlive()) {
                throw new AssertionError("the stack exited (" + stack.exitValue() + "):\n" + printed);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + Files.readString(console, StandardCharsets.UTF_8));
    }
}
