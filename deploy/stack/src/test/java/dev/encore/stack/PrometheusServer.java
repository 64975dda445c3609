package dev.encore.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.local.Ports;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} (installed by {@code .ci/run}) as a process, scraping the given targets every second into
 * a store under {@code dir}; PromQL through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of(System.getProperty("encore.prometheus", "/usr/bin/prometheus"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port = Ports.findFree();
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param targets job name, host:port, job name, host:port, ... */
    PrometheusServer(Path dir, String... targets) throws Exception {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global: {scrape_interval: 1s, evaluation_interval: 1s}\nscrape_configs:\n");
        for (int i = 0; i < targets.length; i += 2) {
            config.append("  - job_name: ").append(targets[i]).append("\n    static_configs: [{targets: [\"")
                    .append(targets[i + 1]).append("\"]}]\n");
        }
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Waits until every target has been scraped successfully. */
    void awaitTargetsUp(int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode targets = get("/api/v1/targets").get("data").get("activeTargets");
                last = targets.toString();
                long up = 0;
                for (JsonNode target : targets) {
                    up += target.get("health").asText().equals("up") ? 1 : 0;
                }
                if (up == expected) {
                    return;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus did not scrape all " + expected + " targets: " + last);
    }

    /** The result of an instant query (empty when the query matches nothing). */
    List<JsonNode> query(String promql) throws Exception {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!answer.path("status").asText().equals("success")) {
            throw new AssertionError("query failed: " + promql + ": " + answer);
        }
        List<JsonNode> result = new java.util.ArrayList<>();
        answer.get("data").get("result").forEach(result::add);
        return result;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
