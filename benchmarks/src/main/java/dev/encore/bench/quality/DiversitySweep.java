package dev.encore.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.bench.e2e.Charts;
import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.model.eval.Evaluator;
import dev.encore.model.eval.MethodMetrics;
import dev.encore.model.eval.Protocol;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schemas.listening.PlaySkipRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranker's diversity term against accuracy: the live recommender (the job's ranking, product rules on) evaluated
 * in the streaming protocol once per {@code rank.diversity} value, all variants over the same events side by side.
 * Run: {@code benchmarks/bin/encore-bench diversity}; writes {@code diversity.json}, {@code diversity.md} and
 * {@code diversity.png}. The model is left out (the ranking weights learned without it): its per-event inference would
 * take most of an hour per value on two cores, and the term reorders whatever the ranker scores.
 */
public final class DiversitySweep {
    private DiversitySweep() {
    }

    /** One value's figures. */
    public record Point(double diversity, MethodMetrics metrics) {
    }

    /**
     * The ranking weights learned with the development model (recorded in {@code quality.json} by {@code encore-model
     * evaluate}), so that value 0 is the "live, no model" row of the quality table; the hand-set ones without it.
     */
    public static RankingWeights developmentWeights(Path qualityJson) throws IOException {
        if (!Files.isRegularFile(qualityJson)) {
            return RankingWeights.DEFAULT;
        }
        var node = new ObjectMapper().readTree(qualityJson.toFile()).path("ranking_weights");
        return new ObjectMapper().treeToValue(node, RankingWeights.class);
    }

    public static List<Point> run(List<Path> train, List<Path> test, List<Double> values, RankingWeights weights, PrintStream out)
            throws IOException {
        List<Interaction> fitted = ListeningData.read(train, PlaySkipRule.DEFAULT);
        List<Interaction> judged = ListeningData.read(test, PlaySkipRule.DEFAULT);
        out.printf("train %,d events, test %,d events; %d values of rank.diversity%n", fitted.size(), judged.size(), values.size());
        List<NextTrackMethod> methods = new ArrayList<>();
        for (double value : values) {
            methods.add(new LiveRecommender(name(value), LiveSettings.DEFAULT.withDiversity((float) value), weights, null,
                    Exclusions.SKIPPED_AND_JUST_PLAYED));
        }
        Evaluator.Result result = Evaluator.run(Protocol.STREAMING, fitted, judged, methods, out::println);
        List<Point> points = new ArrayList<>();
        for (double value : values) {
            points.add(new Point(value, result.methods().get(name(value))));
        }
        return points;
    }

    public static void report(List<Point> points, String command, RankingWeights weights, Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Diversity against accuracy\n\n- command: `" + command + "`\n"
                + "- the live recommender in the streaming protocol, product rules on, no model term; one variant per value\n"
                + "- ranking weights learned without the model (the development model's, from quality.json)\n\n"
                + "| rank.diversity | NDCG@10 | HR@10 | artist diversity@10 | coverage@10 | novelty | artist HR@10 |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Point p : points) {
            MethodMetrics m = p.metrics();
            md.append(String.format("| %.2f | %.4f | %.4f | %.3f | %.4f | %.2f | %.4f |%n", p.diversity(), m.ndcg(), m.hr(),
                    m.artistDiversity(), m.coverage(), m.novelty(), m.artistHr()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("diversity", p.diversity());
            row.put("metrics", m);
            json.add(row);
        }
        Files.writeString(dir.resolve("diversity.md"), md);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", command);
        document.put("weights", weights);
        document.put("points", json);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("diversity.json").toFile(), document);
        double[] diversity = points.stream().mapToDouble(p -> p.metrics().artistDiversity()).toArray();
        double[] ndcg = points.stream().mapToDouble(p -> p.metrics().ndcg()).toArray();
        Charts.lines(dir.resolve("diversity.png"), "NDCG@10 against artist diversity, rank.diversity "
                        + points.get(0).diversity() + " to " + points.get(points.size() - 1).diversity(),
                "distinct artists per top 10 (share)", "NDCG@10", List.of(new Charts.Series("live recommender", diversity, ndcg)), false);
        out.print(md);
    }

    private static String name(double value) {
        return "live, diversity " + value;
    }
}
