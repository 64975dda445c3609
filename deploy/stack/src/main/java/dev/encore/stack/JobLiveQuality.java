package dev.encore.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's live quality as its Prometheus endpoints serve it (the {@code encore_live_*} counters, one series per
 * subtask and model version, on one endpoint per Flink process), summed per model version: how often the list in force held the user's next track.
 */
final class JobLiveQuality {
    /** One model version's totals. */
    record Figures(long predictions, long hits, long ndcgMicros) {
        double hitRate() {
            return predictions == 0 ? 0 : (double) hits / predictions;
        }

        double ndcg() {
            return predictions == 0 ? 0 : ndcgMicros / 1e6 / predictions;
        }

        Figures plus(Figures other) {
            return new Figures(predictions + other.predictions, hits + other.hits, ndcgMicros + other.ndcgMicros);
        }
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^\\S*encore_live_(predictions|hits_at_10|ndcg_at_10_micros)\\{([^}]*)}\\s+([0-9.eE+-]+)$");
    private static final Pattern VERSION = Pattern.compile("model_version=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> metrics;

    JobLiveQuality(List<String> metricsUrls) {
        this.metrics = metricsUrls.stream().map(URI::create).toList();
    }

    /** Totals per model version over the endpoints that answer; empty when the job serves none yet. */
    Map<String, Figures> read() {
        StringBuilder text = new StringBuilder();
        for (URI endpoint : metrics) {
            try {
                text.append(http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).append('\n');
            } catch (java.io.IOException e) {
                // a process that is gone or restarting: the others still count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
        return parse(text.toString());
    }

    static Map<String, Figures> parse(String text) {
        Map<String, Figures> byVersion = new TreeMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            Matcher version = VERSION.matcher(m.group(2));
            if (!version.find()) {
                continue;
            }
            long value = (long) Double.parseDouble(m.group(3));
            Figures add = switch (m.group(1)) {
                case "predictions" -> new Figures(value, 0, 0);
                case "hits_at_10" -> new Figures(0, value, 0);
                default -> new Figures(0, 0, value);
            };
            byVersion.merge(version.group(1), add, Figures::plus);
        }
        return byVersion;
    }
}
