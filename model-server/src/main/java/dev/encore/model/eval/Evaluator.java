package dev.encore.model.eval;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.ListScore;
import dev.encore.model.live.RankedItem;
import dev.encore.model.methods.ListMethod;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.Query;
import dev.encore.model.online.Catalogue;
import dev.encore.model.online.OnlineState;
import dev.encore.model.online.Popularity;
import dev.encore.model.online.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Next-track evaluation over the test period in time order. Every test event of a user with any history
 * (earlier sessions, training-period ones included, and the session so far) is a prediction: a catalogue-wide
 * method ranks the whole known catalogue, a {@link ListMethod} shows the list it made from the user's previous
 * event, and the event's track is looked up in the top {@value MetricsAccumulator#K}. Then the event is observed:
 * learned from in the streaming protocol, only appended to the user's history in the static one.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * The figures of one protocol. {@code unrankable} targets were tracks no method could rank (unknown then).
     * Listeners new in the test period are reported apart: {@code firstEvents}, each list method's list for a
     * listener with no event yet ({@link ListMethod#newListenerList()}) against their first event; {@code secondEvents},
     * every method on their second event, when it knows one event of theirs.
     */
    public record Result(Protocol protocol, Map<String, MethodMetrics> methods, long predictions, long unrankable,
                         long firstEventsOfNewUsers, Map<String, MethodMetrics> firstEvents, Map<String, MethodMetrics> secondEvents,
                         long secondEventsOfNewUsers) {
    }

    public static Result run(Protocol protocol, List<Interaction> fitted, List<Interaction> test,
                             List<NextTrackMethod> methods, Consumer<String> progress) {
        return run(protocol, fitted, test, methods, null, progress);
    }

    /**
     * As above; in the streaming protocol {@code learner} (may be null) also sees each test event once every method
     * has been judged on it and has observed it: a model that keeps learning from the stream.
     */
    public static Result run(Protocol protocol, List<Interaction> fitted, List<Interaction> test,
                             List<NextTrackMethod> methods, Consumer<Interaction> learner, Consumer<String> progress) {
        OnlineState state = new OnlineState();
        for (Interaction e : fitted) {
            state.observe(e, true);
            methods.forEach(m -> m.observe(e, true));
        }
        Catalogue catalogue = state.catalogue();
        Popularity popularity = state.popularity();
        Map<String, MetricsAccumulator> sums = new LinkedHashMap<>();
        Map<String, MetricsAccumulator> firstSums = new LinkedHashMap<>();
        Map<String, MetricsAccumulator> secondSums = new LinkedHashMap<>();
        for (NextTrackMethod m : methods) {
            sums.put(m.name(), new MetricsAccumulator());
            secondSums.put(m.name(), new MetricsAccumulator());
            if (m instanceof ListMethod) {
                firstSums.put(m.name(), new MetricsAccumulator());
            }
        }
        Map<String, Integer> newcomers = new java.util.HashMap<>();
        long secondEvents = 0;
        float[] scores = new float[1024];
        long predictions = 0;
        long unrankable = 0;
        long newUsers = 0;
        long started = System.nanoTime();
        for (int e = 0; e < test.size(); e++) {
            Interaction event = test.get(e);
            UserHistory user = state.user(event.userId());
            int n = catalogue.size();
            if (scores.length < n) {
                scores = new float[n * 2];
            }
            int targetArtist = catalogue.artistIndexOf(event.artistId());
            if (user == null || user.isEmpty()) {
                newUsers++;
                newcomers.put(event.userId(), 0);
                for (NextTrackMethod method : methods) {
                    if (method instanceof ListMethod lists) {
                        judge(firstSums.get(method.name()), top(lists.newListenerList()), event, targetArtist, catalogue, popularity, n);
                    }
                }
            } else {
                predictions++;
                if (catalogue.indexOf(event.trackId()) < 0) {
                    unrankable++;
                }
                Integer seen = newcomers.computeIfPresent(event.userId(), (u, count) -> count + 1);
                boolean second = seen != null && seen == 1;
                secondEvents += second ? 1 : 0;
                Query query = new Query(event.userId(), user, event.time(), state);
                for (NextTrackMethod method : methods) {
                    List<String> top = top(method, query, scores, n);
                    judge(sums.get(method.name()), top, event, targetArtist, catalogue, popularity, n);
                    if (second) {
                        judge(secondSums.get(method.name()), top, event, targetArtist, catalogue, popularity, n);
                    }
                }
            }
            state.observe(event, protocol == Protocol.STREAMING);
            methods.forEach(m -> m.observe(event, protocol == Protocol.STREAMING));
            if (learner != null && protocol == Protocol.STREAMING) {
                learner.accept(event);
            }
            if (progress != null && (e + 1) % 5000 == 0) {
                progress.accept(String.format("%s: %,d/%,d test events, %.0f s", protocol, e + 1, test.size(),
                        (System.nanoTime() - started) / 1e9));
            }
        }
        return new Result(protocol, results(sums, catalogue), predictions, unrankable, newUsers, results(firstSums, catalogue),
                results(secondSums, catalogue), secondEvents);
    }

    private static Map<String, MethodMetrics> results(Map<String, MetricsAccumulator> sums, Catalogue catalogue) {
        Map<String, MethodMetrics> results = new LinkedHashMap<>();
        sums.forEach((name, sum) -> results.put(name, sum.result(catalogue.size())));
        return results;
    }

    /** The event's rank in {@code top}, and what the list shows (coverage, novelty, artists), added to {@code sum}. */
    private static void judge(MetricsAccumulator sum, List<String> top, Interaction event, int targetArtist, Catalogue catalogue,
                              Popularity popularity, int n) {
        int rank = ListScore.rankOf(top, event.trackId());
        int[] known = top.stream().mapToInt(catalogue::indexOf).filter(i -> i >= 0).toArray();
        double[] information = new double[known.length];
        boolean artistHit = false;
        Set<Integer> artists = new HashSet<>();
        for (int i = 0; i < known.length; i++) {
            information[i] = selfInformation(popularity, known[i], n);
            artistHit |= targetArtist >= 0 && catalogue.artistOf(known[i]) == targetArtist;
            artists.add(catalogue.artistOf(known[i]));
        }
        sum.add(rank, artistHit, known, information, artists.size());
    }

    /** A list's first {@value MetricsAccumulator#K} track ids. */
    private static List<String> top(List<RankedItem> list) {
        return list.stream().limit(MetricsAccumulator.K).map(RankedItem::trackId).toList();
    }

    /** The method's first {@value MetricsAccumulator#K} track ids, best first; never a track it excluded. */
    private static List<String> top(NextTrackMethod method, Query query, float[] scores, int n) {
        List<String> top = new ArrayList<>(MetricsAccumulator.K);
        if (method instanceof ListMethod lists) {
            for (RankedItem item : lists.list(query.userId())) {
                if (top.size() == MetricsAccumulator.K) {
                    break;
                }
                top.add(item.trackId());
            }
            return top;
        }
        Arrays.fill(scores, 0, n, 0f);
        method.score(query, scores);
        for (int i : Ranking.top(scores, n, MetricsAccumulator.K, query.state().popularity())) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                top.add(query.state().catalogue().trackId(i));
            }
        }
        return top;
    }

    private static double selfInformation(Popularity popularity, int track, int catalogueSize) {
        double share = (popularity.count(track) + 1) / (popularity.total() + catalogueSize);
        return -Math.log(share) / Math.log(2);
    }
}
