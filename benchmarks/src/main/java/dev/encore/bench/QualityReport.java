package dev.encore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.bench.e2e.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code quality.json} (written by {@code encore-model evaluate} on the development data) into a markdown
 * table per protocol and a bar chart of NDCG@10, with the attention model's target against the best baseline.
 */
final class QualityReport {
    static final double MODEL_TARGET = 1.10;
    private static final List<String> BASELINES = List.of("most-popular", "trending-12h", "personal-popularity", "transitions",
            "same-artist", "transitions+personal");

    private QualityReport() {
    }

    static void write(Path quality, Path out) throws IOException {
        JsonNode json = new ObjectMapper().readTree(quality.toFile());
        StringBuilder md = new StringBuilder("# Offline quality\n\n");
        md.append("- command: `").append(json.path("command").asText()).append("` (then `benchmarks/bin/encore-bench quality`)\n")
                .append("- date: ").append(json.path("date").asText()).append("\n- machine: ").append(json.path("machine").asText())
                .append("\n- data: ").append(json.path("dataset").asText()).append(", train ").append(json.path("train"))
                .append(", test ").append(json.path("test")).append("\n- model: ").append(json.path("model_version").asText()).append("\n\n");
        for (Iterator<Map.Entry<String, JsonNode>> protocols = json.path("protocols").fields(); protocols.hasNext(); ) {
            Map.Entry<String, JsonNode> protocol = protocols.next();
            md.append("## ").append(protocol.getKey()).append("\n\n| method | NDCG@10 | HR@10 | MRR@10 |\n| --- | --- | --- | --- |\n");
            List<String> names = new ArrayList<>();
            List<Double> ndcg = new ArrayList<>();
            double bestBaseline = 0;
            String best = "";
            for (Iterator<Map.Entry<String, JsonNode>> methods = protocol.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                double value = method.getValue().path("ndcg@10").asDouble();
                md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", method.getKey(), value,
                        method.getValue().path("hr@10").asDouble(), method.getValue().path("mrr@10").asDouble()));
                names.add(method.getKey());
                ndcg.add(value);
                if (BASELINES.contains(method.getKey()) && value > bestBaseline) {
                    bestBaseline = value;
                    best = method.getKey();
                }
            }
            for (String candidate : List.of("sasrec", "full recommender")) {
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).startsWith(candidate) && bestBaseline > 0) {
                        double ratio = ndcg.get(i) / bestBaseline;
                        md.append(String.format(Locale.ROOT, "%n%s: %.2f x the best baseline (%s); target >= %.2f: %s", names.get(i),
                                ratio, best, MODEL_TARGET, ratio >= MODEL_TARGET ? "meets" : "falls short"));
                    }
                }
            }
            md.append("\n\n");
            Charts.bars(out.resolve("quality-" + protocol.getKey() + ".png"), "NDCG@10, " + protocol.getKey() + " protocol",
                    "NDCG@10", names, ndcg.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Files.writeString(out.resolve("quality.md"), md.toString());
    }
}
