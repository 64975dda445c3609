package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack as a user runs it ({@code encore stack --replay}): broker, registry, model server, job and
 * view as processes; every user of the replayed events gets recommendations in the view; every metric the
 * Grafana dashboard queries is served; the view's HTTP answers and the collector's inputs keep to its OpenAPI
 * document; a listener uses the web page in a real browser; Prometheus scrapes the stack and every query of the
 * dashboard returns data; Ctrl-C (SIGTERM) leaves nothing running. One stack for
 * all of it (starting one takes minutes), checked in order, stopped last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackSmokeIT {
    private static final int REPLAYED = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b((?:kafka|encore|flink)_[A-Za-z0-9_]+)");

    @TempDir
    static Path workDir;

    private StackProcess stack;
    private PrometheusServer prometheus;
    private final List<Long> children = new ArrayList<>();

    @BeforeAll
    void startTheStack() throws Exception {
        stack = new StackProcess(workDir, REPLAYED);
        stack.awaitLine("replay done", Duration.ofMinutes(6));
        children.addAll(stack.servicePids());
        if (PrometheusServer.installed()) {
            // Scraping from now on, so that the rates the dashboard asks for have samples by the time they are queried.
            prometheus = new PrometheusServer(workDir.resolve("prometheus"), "encore-view", "127.0.0.1:" + stack.view,
                    "encore-job", "127.0.0.1:" + stack.jobMetrics, "encore-model-server", "127.0.0.1:" + stack.model);
        }
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyReplayedUserIsServedAndEveryDashboardMetricExists() throws Exception {
        assertEquals(6, children.size(), "broker, registry, model server, job, continual trainer and view run as processes");

        int items = 0;
        for (String user : stack.usersOfReplayedEvents()) {
            JsonNode list = JSON.readTree(stack.awaitRecommendations(user).body());
            assertEquals(user, list.get("userId").asText());
            assertTrue(list.get("eventsSeen").asLong() > 0);
            for (JsonNode item : list.get("items")) {
                items++;
                String source = item.get("source").asText();
                // Each item's score is its probability relative to the list's best, in (0, 1]; the exploration slot's
                // pick may come from below the list and shows its own.
                boolean explored = item.get("explored").asBoolean();
                double score = item.get("score").asDouble();
                assertTrue(explored || (score > 0 && score <= 1), "score outside (0, 1] for " + user + ": " + item);
                assertTrue(REASONS.containsKey(source), "unknown source for " + user + ": " + item);
                assertTrue(item.get("reason").asText().startsWith(REASONS.get(source)), "reason of " + item);
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
    }

    @Test
    @Order(5)
    void theDemoExperimentSplitsUsersAndTheReportComparesTheArms() throws Exception {
        Set<String> arms = new TreeSet<>();
        int exploring = 0;
        for (String user : stack.usersOfReplayedEvents()) {
            JsonNode list = JSON.readTree(stack.awaitRecommendations(user).body());
            String arm = list.get("arm").asText();
            arms.add(arm);
            assertTrue(!arm.equals("no-model") || list.get("modelVersion").asText().equals("none"),
                    "the no-model arm is ranked without the model: " + list);
            long explored = 0;
            int exploredRank = 0;
            for (JsonNode item : list.get("items")) {
                if (item.get("explored").asBoolean()) {
                    explored++;
                    exploredRank = item.get("rank").asInt();
                }
            }
            assertTrue(explored == 0 || arm.equals("explore") && explored == 1 && exploredRank == Math.min(10, list.get("items").size()),
                    "only the explore arm explores, at rank 10 (or the end of a shorter list): " + list);
            exploring += explored > 0 ? 1 : 0;
        }
        assertEquals(Set.of("model", "no-model", "explore"), arms);
        assertTrue(exploring > 0, "no list of the explore arm has an exploration pick");

        StringWriter report = new StringWriter();
        assertEquals(0, EncoreCli.run(new PrintWriter(report, true), "report", "--work-dir", workDir.toString()), report.toString());
        assertTrue(report.toString().contains("no-model - model: "), report.toString());
        System.out.print(report);
    }

    @Test
    @Order(2)
    void theViewsAnswersAndTheCollectorsInputsKeepToTheOpenApiDocument() throws Exception {
        OpenApiContract api = new OpenApiContract(stack.getFromView("/openapi.json").body());
        for (String path : List.of("/users/{userId}/recommendations", "/users/{userId}/history", "/users/{userId}/stream",
                "/new-listener/recommendations", "/events", "/ops")) {
            assertTrue(api.document().path("paths").has(path), "the document describes " + path);
        }
        String user = stack.usersOfReplayedEvents().iterator().next();
        assertConforms(api, "Recommendations", stack.awaitRecommendations(user), 200);
        assertConforms(api, "History", stack.getFromView("/users/" + user + "/history"), 200);
        assertConforms(api, "Error", stack.getFromView("/users/nobody-at-all/recommendations"), 404);
        assertConforms(api, "Error", stack.getFromView("/users/two%20words/history"), 400);
        assertConforms(api, "Ops", stack.getFromView("/ops"), 200);
        // The replay spans hours of event time: trending windows have closed, and new listeners have a list.
        HttpResponse<String> newListener = stack.getFromView("/new-listener/recommendations");
        for (long deadline = System.nanoTime() + 60_000_000_000L; newListener.statusCode() != 200 && System.nanoTime() < deadline; ) {
            Thread.sleep(500);
            newListener = stack.getFromView("/new-listener/recommendations");
        }
        assertConforms(api, "Recommendations", newListener, 200);
        assertTrue(newListener.body().contains("trending now"), newListener.body());

        String event = PlayerJson.event(user, "collector-track", "PLAY");
        assertEquals(List.of(), api.violations("UserEvent", event), "the event we send is one the document allows");
        HttpResponse<String> accepted = stack.postToView("/events", event);
        assertConforms(api, "Accepted", accepted, 202);
        assertEquals("accepted", JSON.readTree(accepted.body()).get("status").asText());
        HttpResponse<String> again = stack.postToView("/events", event);
        assertEquals("duplicate", JSON.readTree(again.body()).get("status").asText(), "a resent event id is not produced twice");

        // Each broken event: the document rejects it, and the collector answers 400 naming the same field.
        Map<String, String> broken = Map.of(
                "tack", PlayerJson.with(event, "tack", "\"t1\""),
                "playedMs", PlayerJson.with(event, "playedMs", "\"long\""),
                "eventId", PlayerJson.with(event, "eventId", "\"not-a-uuid\""),
                "type", PlayerJson.with(event, "type", "\"PAUSE\""),
                "userId", PlayerJson.without(event, "userId"),
                "context.source", PlayerJson.with(event, "context", "{\"source\": \"TV\"}"));
        for (Map.Entry<String, String> bad : broken.entrySet()) {
            assertFalse(api.violations("UserEvent", bad.getValue()).isEmpty(), "the document allows a broken " + bad.getKey());
            HttpResponse<String> refused = stack.postToView("/events", bad.getValue());
            assertConforms(api, "InvalidEvent", refused, 400);
            List<String> fields = new ArrayList<>();
            JSON.readTree(refused.body()).get("violations").forEach(v -> fields.add(v.get("field").asText()));
            assertTrue(fields.contains(bad.getKey()), "400 names " + bad.getKey() + ": " + refused.body());
        }
        HttpResponse<String> notJson = stack.postToView("/events", "{\"eventId\": ");
        assertConforms(api, "InvalidEvent", notJson, 400);
        HttpResponse<String> huge = stack.postToView("/events", "{\"pad\": \"" + "x".repeat(20_000) + "\"}");
        assertConforms(api, "Error", huge, 413);
    }

    @Test
    @Order(3)
    void aListenerWatchesTheirListChangeInARealBrowser() throws Exception {
        assumeTrue(PageDriver.installed() || System.getenv("CI") != null,
                "no Chromium here (apt-get install chromium chromium-driver); .ci/run installs it and CI fails without it");
        String user = stack.usersOfReplayedEvents().iterator().next();
        try (PageDriver page = new PageDriver(); EventPump pump = new EventPump(stack)) {
            page.open(stack.viewUrl() + "/");
            page.find("#user-input").sendKeys("two words");
            page.find("#user-go").click();
            page.await("a bad user id is refused with a message", Duration.ofSeconds(10),
                    d -> page.find("#message").getAttribute("class").contains("error")
                            && page.find("#message").getText().contains("1 to 128 characters"));

            page.find("#user-input").clear();
            page.find("#user-input").sendKeys(user);
            page.find("#user-go").click();
            String firstList = page.await("the user's list appears", Duration.ofSeconds(30), d ->
                    page.findAll("#list tr.item").isEmpty() ? null : page.find("#list-id").getText());
            assertFalse(page.find("#model-version").getText().isBlank());

            // A player's event (not the page's) changes the list the page shows.
            assertEquals(202, stack.postToView("/events", PlayerJson.event(user, "played-elsewhere", "PLAY")).statusCode());
            String secondList = page.await("a new event's list is pushed to the page", Duration.ofSeconds(60), d -> {
                String shown = page.find("#list-id").getText();
                return shown.equals(firstList) ? null : shown;
            });
            page.await("the player's event shows in the history", Duration.ofSeconds(30),
                    d -> page.find("#history li").getText().contains("played-elsewhere"));

            // Skipping an item from the page removes that track from the user's next list.
            WebElement first = page.findAll("#list tr.item").get(0);
            String skipped = first.getAttribute("data-track");
            first.findElement(By.cssSelector("button.skip")).click();
            page.await("the list after the skip arrives", Duration.ofSeconds(60),
                    d -> !page.find("#list-id").getText().equals(secondList)
                            && page.find("#history li").getText().startsWith("SKIP " + skipped));
            List<String> shown = page.findAll("#list tr.item").stream().map(row -> row.getAttribute("data-track")).toList();
            assertFalse(shown.isEmpty(), "the next list has items");
            assertFalse(shown.contains(skipped), "skipped " + skipped + " but the next list still offers it: " + shown);

            // The operators' tab moves while players send events.
            pump.start();
            page.find("#tab-ops").click();
            page.await("events in per second shows traffic", Duration.ofSeconds(30), d -> positive(page.find("#now-events").getText()));
            page.await("lists out per second shows traffic", Duration.ofSeconds(30), d -> positive(page.find("#now-lists").getText()));
            page.await("freshness is shown", Duration.ofSeconds(30), d -> !page.find("#now-freshness").getText().startsWith("-"));
            page.await("live hit rate per model version", Duration.ofSeconds(30), d -> !page.findAll("#hit-rates tbody tr").isEmpty());
            assertEquals(4, page.findAll(".charts canvas").size(), "four charts drawn");
            assertEquals(List.of(), page.consoleErrors(), "the page logged errors");
        }
    }

    @Test
    @Order(4)
    void prometheusScrapesTheStackAndEveryDashboardQueryReturnsData() throws Exception {
        assumeTrue(prometheus != null || System.getenv("CI") != null,
                "no Prometheus here (apt-get install prometheus); .ci/run installs it and CI fails without it");
        assertTrue(prometheus != null, "Prometheus is not installed at " + PrometheusServer.BINARY);
        prometheus.awaitTargetsUp(3, Duration.ofSeconds(30));
        // Two scrapes at least inside every rate window.
        Thread.sleep(3_000);
        Set<String> empty = new TreeSet<>();
        List<String> queries = dashboardQueries();
        for (String query : queries) {
            if (prometheus.query(query).isEmpty()) {
                empty.add(query);
            }
        }
        assertTrue(queries.size() >= 20, "the dashboard's queries: " + queries.size());
        assertTrue(empty.isEmpty(), "dashboard queries that return nothing from the live stack: " + empty);
    }

    @Test
    @Order(99)
    void theStackStopsCleanlyOnSigterm() throws Exception {
        assertTrue(stack.stop(), "the stack stops on SIGTERM");
        for (long pid : children) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " was left running");
        }
    }

    private static boolean positive(String figure) {
        try {
            return Double.parseDouble(figure) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void assertConforms(OpenApiContract api, String component, HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(List.of(), api.violations(component, response.body()), "answer " + response.body());
    }

    /** How each source's reason starts (the job's {@code Source} registry). */
    private static final java.util.Map<String, String> REASONS = java.util.Map.of("CF", "often played around ",
            "REPEAT", "you played it ", "TRENDING", "trending now", "CONTENT", "more by the artist of ", "MODEL",
            "fits your recent listening");

    static List<String> dashboardQueries() throws Exception {
        JsonNode dashboard = JSON.readTree(StackPaths.home().resolve("deploy/grafana/encore-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        return queries;
    }

    static Set<String> dashboardMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String query : dashboardQueries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
