package dev.encore.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.bench.e2e.Charts;
import dev.encore.model.eval.MethodMetrics;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Source;
import dev.encore.model.methods.MethodSuite;
import dev.encore.schema.EventType;
import dev.encore.schemas.listening.Listen;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the exploration bandit did in a {@link LiveQuality} replay with an exploration slot, read from the lists the
 * job wrote: which source filled the slot, over the replay (Thompson sampling picks a source as often as it is
 * likely the best, so the shares are the bandit's arm probabilities), and how often each source's pick was played
 * next, by the job's own reward rule (the user's next event played the pick, not a skip); the accuracy the slot
 * costs is the job's NDCG@10 beside the same recommender without it, offline on the same events.
 *
 * <p>Run: {@code benchmarks/bin/encore-bench exploration} (needs the development data and model).
 */
public final class ExplorationReplay {
    /** The slot's source shares in one stretch of the replay, and how many lists explored in it. */
    public record Stretch(long fromEvent, long toEvent, long lists, double[] shares) {
    }

    /** Per source: picks judged by a next event, and of them played. */
    public record Outcomes(long[] shown, long[] accepted) {
        double rate(Source source) {
            return shown[source.ordinal()] == 0 ? 0 : accepted[source.ordinal()] / (double) shown[source.ordinal()];
        }
    }

    private ExplorationReplay() {
    }

    /**
     * The slot's source shares in stretches of the replay: over the training windows, stretches that double in
     * length (250 events, then 250, 500, 1,000, ...; the last takes the rest), so that the first lists are not
     * averaged away; over the judged window, four equal stretches, to see the bandit adapt to held-out listening.
     */
    public static List<Stretch> shares(List<Listen> replayed, Map<String, List<RankedItem>> lists, int trainEvents) {
        List<Integer> bounds = new ArrayList<>(List.of(0));
        for (int from = 0, length = 250; from < trainEvents; from += length, length = from) {
            bounds.add(trainEvents - (from + length) < length ? trainEvents : from + length);
            if (bounds.get(bounds.size() - 1) == trainEvents) {
                break;
            }
        }
        int judged = replayed.size() - trainEvents;
        for (int quarter = 1; quarter <= 4; quarter++) {
            bounds.add(trainEvents + (int) ((long) judged * quarter / 4));
        }
        List<Stretch> out = new ArrayList<>();
        for (int b = 0; b + 1 < bounds.size(); b++) {
            int from = bounds.get(b);
            int to = bounds.get(b + 1);
            long[] picks = new long[Source.COUNT];
            long explored = 0;
            for (int i = from; i < to; i++) {
                RankedItem pick = pick(lists.get(replayed.get(i).toUserEvent().getEventId().toString()));
                if (pick != null) {
                    picks[pick.source().ordinal()]++;
                    explored++;
                }
            }
            double[] shares = new double[Source.COUNT];
            for (int k = 0; k < Source.COUNT; k++) {
                shares[k] = explored == 0 ? 0 : picks[k] / (double) explored;
            }
            out.add(new Stretch(from, to, explored, shares));
        }
        return out;
    }

    /** Each pick against the user's next event, in [{@code fromEvent}, {@code toEvent}) (earlier events still set the lists). */
    public static Outcomes outcomes(List<Listen> replayed, Map<String, List<RankedItem>> lists, int fromEvent, int toEvent) {
        long[] shown = new long[Source.COUNT];
        long[] accepted = new long[Source.COUNT];
        Map<String, RankedItem> inForce = new HashMap<>();
        for (int i = 0; i < toEvent; i++) {
            Listen event = replayed.get(i);
            var wire = event.toUserEvent();
            String user = wire.getUserId().toString();
            RankedItem pick = inForce.get(user);
            if (pick != null && i >= fromEvent) {
                shown[pick.source().ordinal()]++;
                if (pick.trackId().equals(wire.getTrackId().toString()) && event.type() != EventType.SKIP) {
                    accepted[pick.source().ordinal()]++;
                }
            }
            List<RankedItem> list = lists.get(wire.getEventId().toString());
            if (list != null) {
                RankedItem next = pick(list);
                if (next == null) {
                    inForce.remove(user);
                } else {
                    inForce.put(user, next);
                }
            }
        }
        return new Outcomes(shown, accepted);
    }

    private static RankedItem pick(List<RankedItem> list) {
        if (list == null) {
            return null;
        }
        return list.stream().filter(RankedItem::explored).findFirst().orElse(null);
    }

    /** One replay: the slot's rank (0: none) and what came of it. */
    public record Run(int slot, LiveQuality.Result result) {
    }

    /**
     * Writes {@code exploration.md}, {@code .json} and {@code .png} to {@code dir} and prints the table: each run's
     * accuracy beside the run without a slot (the first), each source's outcomes, and the bandit's shares over the
     * first run with a slot.
     */
    public static void report(List<Run> runs, String command, Path dir, PrintStream out) throws IOException {
        Run base = runs.get(0);
        if (base.slot() != 0 || runs.size() < 2) {
            throw new IllegalArgumentException("the first run must be without a slot (0), and at least one with");
        }
        LiveQuality.Result first = base.result();
        int trainEvents = first.trainEvents();
        MethodMetrics none = first.evaluation().methods().get(LiveQuality.JOB);
        MethodMetrics offline = first.evaluation().methods().get(MethodSuite.LIVE);
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Exploration: what the bandit learns and what the slot costs\n\n"
                + "- command: `" + command + "`\n"
                + "- the development split replayed through the real job once per slot (" + String.format("%,d", first.eventsReplayed())
                + " events: windows 0-2, then the judged window 3), model " + first.modelVersion()
                + "; the exploration slot for every user, Thompson sampling over the sources (job defaults otherwise)\n"
                + "- accuracy on window 3 (" + String.format("%,d", first.evaluation().predictions()) + " predictions); the "
                + "same recommender offline, without a slot: NDCG@10 " + String.format("%.4f", offline.ndcg()) + "\n\n"
                + "| explore.rank | NDCG@10 | HR@10 | coverage@10 | novelty | NDCG@10 vs no slot |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        List<Map<String, Object>> jsonRuns = new ArrayList<>();
        for (Run run : runs) {
            MethodMetrics m = run.result().evaluation().methods().get(LiveQuality.JOB);
            double cost = (m.ndcg() - none.ndcg()) / none.ndcg();
            md.append(String.format("| %s | %.4f | %.4f | %.4f | %.2f | %s |%n", run.slot() == 0 ? "0 (no slot)" : run.slot(),
                    m.ndcg(), m.hr(), m.coverage(), m.novelty(), run.slot() == 0 ? "" : String.format("%+.1f%%", 100 * cost)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("slot_rank", run.slot());
            row.put("job", m);
            row.put("ndcg_relative_to_no_slot", cost);
            if (run.slot() > 0) {
                row.put("sources", sources(run.result(), trainEvents));
                row.put("stretches", shares(run.result().replayed(), run.result().lists(), trainEvents));
            }
            jsonRuns.add(row);
        }
        Run shown = runs.get(1);
        md.append(String.format("%nWith the slot at rank %d: each source's picks and how often the next event played them. Windows 0-2 "
                + "are the model's training data, so there its picks are partly remembered; window 3 is held out.%n%n", shown.slot()));
        md.append("| source | windows 0-2: picks | played | rate | window 3: picks | played | rate |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Outcomes train = outcomes(shown.result().replayed(), shown.result().lists(), 0, trainEvents);
        Outcomes test = outcomes(shown.result().replayed(), shown.result().lists(), trainEvents, shown.result().replayed().size());
        for (Source source : Source.values()) {
            int k = source.ordinal();
            md.append(String.format("| %s | %,d | %,d | %.4f | %,d | %,d | %.4f |%n", name(source), train.shown()[k],
                    train.accepted()[k], train.rate(source), test.shown()[k], test.accepted()[k], test.rate(source)));
        }
        List<Stretch> stretches = shares(shown.result().replayed(), shown.result().lists(), trainEvents);
        md.append("\nThe slot's source shares (the bandit's arm probabilities) over the replay, by stretches doubling in length "
                + "over windows 0-2, then window 3 (from event " + String.format("%,d", trainEvents) + ") in quarters. A source "
                + "is a candidate only when it has a track beyond the ranker's top of the list, so shares also follow what the "
                + "job's state holds (little at the start):\n\n| events | lists |");
        for (Source source : Source.values()) {
            md.append(' ').append(name(source)).append(" |");
        }
        md.append("\n| --- | ---: |").append(" ---: |".repeat(Source.COUNT)).append('\n');
        for (Stretch stretch : stretches) {
            md.append(String.format("| %,d-%,d | %,d |", stretch.fromEvent(), stretch.toEvent(), stretch.lists()));
            for (double share : stretch.shares()) {
                md.append(String.format(" %.3f |", share));
            }
            md.append('\n');
        }
        md.append("\nThe curves: exploration.png; every figure: exploration.json.\n");
        Files.writeString(dir.resolve("exploration.md"), md);

        List<Charts.Series> series = new ArrayList<>();
        double[] x = stretches.stream().mapToDouble(s -> (s.fromEvent() + s.toEvent()) / 2.0).toArray();
        for (Source source : Source.values()) {
            series.add(new Charts.Series(name(source), x, stretches.stream().mapToDouble(s -> s.shares()[source.ordinal()]).toArray()));
        }
        Charts.lines(dir.resolve("exploration.png"), "Which source fills the exploration slot (rank " + shown.slot() + ") as the replay goes on",
                "events replayed (middle of each stretch; window 3 from " + String.format("%,d", trainEvents) + ")",
                "share of the slot's picks", series, true);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("date", java.time.Instant.now().toString());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature());
        json.put("model_version", first.modelVersion());
        json.put("events_replayed", first.eventsReplayed());
        json.put("train_events", trainEvents);
        json.put("predictions", first.evaluation().predictions());
        json.put("offline_without_slot", offline);
        json.put("runs", jsonRuns);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("exploration.json").toFile(), json);
        out.print(md);
    }

    private static Map<String, Object> sources(LiveQuality.Result result, int trainEvents) {
        Outcomes train = outcomes(result.replayed(), result.lists(), 0, trainEvents);
        Outcomes test = outcomes(result.replayed(), result.lists(), trainEvents, result.replayed().size());
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            int k = source.ordinal();
            bySource.put(name(source), Map.of("train_picks_judged", train.shown()[k], "train_played_next", train.accepted()[k],
                    "window3_picks_judged", test.shown()[k], "window3_played_next", test.accepted()[k]));
        }
        return bySource;
    }

    private static String name(Source source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
