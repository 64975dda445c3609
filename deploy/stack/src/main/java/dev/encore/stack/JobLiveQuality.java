package dev.encore.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's live quality as its Prometheus endpoint serves it (the {@code encore_live_*} counters, one series per
 * subtask and model version), summed per model version: how often the list in force held the user's next track.
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
    private final URI metrics;

    JobLiveQuality(String metricsUrl) {
        this.metrics = URI.create(metricsUrl);
    }

    /** Totals per model version; empty when the job serves none yet (or cannot be reached). */
    Map<String, Figures> read() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(response.body());
        } catch (java.io.IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
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
