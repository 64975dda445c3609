package dev.encore.view.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the job's counters from its Prometheus endpoints (Flink's reporter; one per process of a cluster, summed),
 * for the operators' page: the view is the one process that sees both the job and the topics. Metric names are the job's ({@code JobMetrics}) under Flink's
 * operator scope; the stack's smoke test fails when they drift.
 */
public final class JobMetricsScrape {
    static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    static final String DEAD_LETTERED = OPERATOR + "encore_dead_lettered";
    static final String DEGRADED = OPERATOR + "encore_degraded";
    static final String RECOMMENDATIONS = OPERATOR + "encore_recommendations";
    static final String LIVE_PREDICTIONS = OPERATOR + "model_version_encore_live_predictions";
    static final String LIVE_HITS = OPERATOR + "model_version_encore_live_hits_at_10";
    /** {@code name{labels} value}: the sample lines of the text format (no timestamps from Flink's reporter). */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern MODEL_VERSION = Pattern.compile("(?:^|,)model_version=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<URI> urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public JobMetricsScrape(List<URI> urls) {
        this.urls = List.copyOf(urls);
    }

    /** The job's counters now, summed over the endpoints that answer; empty when none does. */
    public Optional<JobCounters> read() {
        StringBuilder text = new StringBuilder();
        boolean answered = false;
        for (URI url : urls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    text.append(response.body()).append('\n');
                    answered = true;
                }
            } catch (java.io.IOException e) {
                // a TaskManager that is gone or restarting: the others still count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return answered ? Optional.of(parse(text.toString())) : Optional.empty();
    }

    static JobCounters parse(String text) {
        Map<String, Double> totals = new HashMap<>();
        Map<String, Double> predictions = new HashMap<>();
        Map<String, Double> hits = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            String name = sample.group(1);
            double value;
            try {
                value = Double.parseDouble(sample.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            if (Double.isNaN(value)) {
                continue;
            }
            switch (name) {
                case DEAD_LETTERED, DEGRADED, RECOMMENDATIONS -> totals.merge(name, value, Double::sum);
                case LIVE_PREDICTIONS -> predictions.merge(modelVersion(sample.group(3)), value, Double::sum);
                case LIVE_HITS -> hits.merge(modelVersion(sample.group(3)), value, Double::sum);
                default -> {
                }
            }
        }
        return new JobCounters(totals.getOrDefault(DEAD_LETTERED, 0.0), totals.getOrDefault(DEGRADED, 0.0),
                totals.getOrDefault(RECOMMENDATIONS, 0.0), predictions, hits);
    }

    private static String modelVersion(String labels) {
        Matcher version = MODEL_VERSION.matcher(labels == null ? "" : labels);
        return version.find() ? version.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "unknown";
    }
}
