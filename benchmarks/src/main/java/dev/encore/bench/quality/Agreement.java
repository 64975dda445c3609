package dev.encore.bench.quality;

import dev.encore.model.live.ListScore;
import dev.encore.model.live.RankedItem;
import dev.encore.model.methods.ListMethod;
import java.io.PrintStream;
import java.util.List;

/**
 * How often the job's list and the offline list for the same event agree on their top {@value ListScore#K}
 * (same tracks in the same order); prints the first few that do not, with each item's source, to say why.
 * Scored as the job's lists, so it adds no figure of its own to the evaluation.
 */
final class Agreement implements ListMethod {
    private final ListMethod offline;
    private final ListMethod job;
    private final PrintStream log;
    private long compared;
    private long same;
    private int shown;

    Agreement(ListMethod offline, ListMethod job, PrintStream log) {
        this.offline = offline;
        this.job = job;
        this.log = log;
    }

    @Override
    public String name() {
        return "agreement";
    }

    @Override
    public List<RankedItem> list(String userId) {
        List<RankedItem> expected = offline.list(userId);
        List<RankedItem> actual = job.list(userId);
        compared++;
        if (top(expected).equals(top(actual))) {
            same++;
        } else if (shown++ < 5) {
            log.printf("lists differ for %s:%n  offline %s%n  job     %s%n", userId, describe(expected), describe(actual));
        }
        return actual;
    }

    /** Share of predictions whose two lists agree on the top 10. */
    double share() {
        return compared == 0 ? 0 : (double) same / compared;
    }

    private static List<String> top(List<RankedItem> items) {
        return items.stream().limit(ListScore.K).map(RankedItem::trackId).toList();
    }

    private static List<String> describe(List<RankedItem> items) {
        return items.stream().limit(ListScore.K).map(i -> i.trackId() + "/" + i.source()).toList();
    }
}
