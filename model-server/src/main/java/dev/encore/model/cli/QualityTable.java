package dev.encore.model.cli;

import dev.encore.model.eval.Evaluator;
import dev.encore.model.eval.MethodMetrics;
import java.util.Map;

/** One protocol's results as a text table, methods side by side. */
final class QualityTable {
    private QualityTable() {
    }

    static String render(Evaluator.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%s protocol: %,d predictions, %,d (%.1f%%) targets unknown at prediction time "
                        + "(no method can rank them), %,d first events of new users (below)%n",
                result.protocol(), result.predictions(), result.unrankable(),
                100.0 * result.unrankable() / Math.max(1, result.predictions()), result.firstEventsOfNewUsers()));
        rows(out, result.methods());
        out.append(String.format("%nnew listeners' first events (%,d), against the list shown before any event of theirs:%n",
                result.firstEventsOfNewUsers()));
        rows(out, result.firstEvents());
        out.append(String.format("%nnew listeners' second events (%,d), from their first event alone:%n",
                result.secondEventsOfNewUsers()));
        rows(out, result.secondEvents());
        return out.toString();
    }

    private static void rows(StringBuilder out, Map<String, MethodMetrics> methods) {
        out.append(String.format("%-38s %8s %8s %8s %11s %8s %13s%n", "method", "HR@10", "NDCG@10", "MRR@10",
                "coverage@10", "novelty", "artist HR@10"));
        for (Map.Entry<String, MethodMetrics> row : methods.entrySet()) {
            MethodMetrics m = row.getValue();
            out.append(String.format("%-38s %8.4f %8.4f %8.4f %11.4f %8.2f %13.4f%n", row.getKey(), m.hr(), m.ndcg(),
                    m.mrr(), m.coverage(), m.novelty(), m.artistHr()));
        }
    }
}
