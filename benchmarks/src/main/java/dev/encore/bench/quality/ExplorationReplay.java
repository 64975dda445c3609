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

    /** The slot's source shares in {@code stretches} equal stretches of the replay, in the order it was sent. */
    public static List<Stretch> shares(List<Listen> replayed, Map<String, List<RankedItem>> lists, int stretches) {
        List<Stretch> out = new ArrayList<>();
        int n = replayed.size();
        for (int s = 0; s < stretches; s++) {
            int from = (int) ((long) n * s / stretches);
            int to = (int) ((long) n * (s + 1) / stretches);
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

    /** Each pick against the user's next event, from {@code fromEvent} on (earlier events still set the lists in force). */
    public static Outcomes outcomes(List<Listen> replayed, Map<String, List<RankedItem>> lists, int fromEvent) {
        long[] shown = new long[Source.COUNT];
        long[] accepted = new long[Source.COUNT];
        Map<String, RankedItem> inForce = new HashMap<>();
        for (int i = 0; i < replayed.size(); i++) {
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

    /** Writes {@code exploration.md}, {@code .json} and {@code .png} to {@code dir} and prints the table. */
    public static void report(LiveQuality.Result result, int slot, String command, Path dir, PrintStream out) throws IOException {
        int trainEvents = result.trainEvents();
        List<Stretch> stretches = shares(result.replayed(), result.lists(), 20);
        Outcomes all = outcomes(result.replayed(), result.lists(), 0);
        Outcomes test = outcomes(result.replayed(), result.lists(), trainEvents);
        MethodMetrics without = result.evaluation().methods().get(MethodSuite.LIVE);
        MethodMetrics with = result.evaluation().methods().get(LiveQuality.JOB);
        double cost = (with.ndcg() - without.ndcg()) / without.ndcg();
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Exploration: what the bandit learns and what the slot costs\n\n"
                + "- command: `" + command + "`\n"
                + "- the development split replayed through the real job (" + String.format("%,d", result.eventsReplayed())
                + " events, windows 0-2 then the judged window 3), model " + result.modelVersion()
                + "; the exploration slot at rank " + slot + " for every user, Thompson sampling over the sources\n"
                + "- accuracy on window 3 (" + String.format("%,d", result.evaluation().predictions()) + " predictions), "
                + "the job's lists against the same recommender without the slot (offline, same events, same rules)\n\n"
                + "| lists | NDCG@10 | HR@10 | coverage@10 | novelty |\n| --- | ---: | ---: | ---: | ---: |\n");
        md.append(String.format("| without the slot (offline) | %.4f | %.4f | %.4f | %.2f |%n", without.ndcg(), without.hr(),
                without.coverage(), without.novelty()));
        md.append(String.format("| with the slot at rank %d (the job) | %.4f | %.4f | %.4f | %.2f |%n", slot, with.ndcg(),
                with.hr(), with.coverage(), with.novelty()));
        md.append(String.format("%nNDCG@10 cost of the slot: %+.1f%%.%n%n", 100 * cost));
        md.append("Each source's picks and how often the next event played them (all events; window 3 alone):\n\n"
                + "| source | picks judged | played next | rate | window 3: picks | played | rate |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Source source : Source.values()) {
            int k = source.ordinal();
            md.append(String.format("| %s | %,d | %,d | %.4f | %,d | %,d | %.4f |%n", name(source), all.shown()[k],
                    all.accepted()[k], all.rate(source), test.shown()[k], test.accepted()[k], test.rate(source)));
        }
        md.append("\nThe slot's source shares over the replay (the bandit's arm probabilities), first and last stretch:\n\n"
                + "| stretch (events) | lists |");
        for (Source source : Source.values()) {
            md.append(' ').append(name(source)).append(" |");
        }
        md.append("\n| --- | ---: |").append(" ---: |".repeat(Source.COUNT)).append('\n');
        for (Stretch stretch : List.of(stretches.get(0), stretches.get(stretches.size() - 1))) {
            md.append(String.format("| %,d-%,d | %,d |", stretch.fromEvent(), stretch.toEvent(), stretch.lists()));
            for (double share : stretch.shares()) {
                md.append(String.format(" %.3f |", share));
            }
            md.append('\n');
        }
        md.append("\nEvery stretch: exploration.json; the curves: exploration.png.\n");
        Files.writeString(dir.resolve("exploration.md"), md);

        List<Charts.Series> series = new ArrayList<>();
        double[] x = stretches.stream().mapToDouble(s -> (s.fromEvent() + s.toEvent()) / 2000.0).toArray();
        for (Source source : Source.values()) {
            series.add(new Charts.Series(name(source), x, stretches.stream().mapToDouble(s -> s.shares()[source.ordinal()]).toArray()));
        }
        Charts.lines(dir.resolve("exploration.png"), "Which source fills the exploration slot (rank " + slot + ") over the replay",
                "events replayed (thousands; window 3 from " + trainEvents / 1000 + ")", "share of the slot's picks", series, false);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("date", java.time.Instant.now().toString());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature());
        json.put("model_version", result.modelVersion());
        json.put("slot_rank", slot);
        json.put("events_replayed", result.eventsReplayed());
        json.put("train_events", trainEvents);
        json.put("predictions", result.evaluation().predictions());
        json.put("without_slot", without);
        json.put("with_slot", with);
        json.put("ndcg_relative_cost", cost);
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            int k = source.ordinal();
            bySource.put(name(source), Map.of("picks_judged", all.shown()[k], "played_next", all.accepted()[k],
                    "window3_picks_judged", test.shown()[k], "window3_played_next", test.accepted()[k]));
        }
        json.put("sources", bySource);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Stretch stretch : stretches) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from_event", stretch.fromEvent());
            row.put("to_event", stretch.toEvent());
            row.put("lists", stretch.lists());
            Map<String, Double> shares = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                shares.put(name(source), stretch.shares()[source.ordinal()]);
            }
            row.put("shares", shares);
            rows.add(row);
        }
        json.put("stretches", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("exploration.json").toFile(), json);
        out.print(md);
    }

    private static String name(Source source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
