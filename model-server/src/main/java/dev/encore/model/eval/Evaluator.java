package dev.encore.model.eval;

import dev.encore.model.data.Interaction;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.Query;
import dev.encore.model.online.Catalogue;
import dev.encore.model.online.OnlineState;
import dev.encore.model.online.Popularity;
import dev.encore.model.online.UserHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Next-track evaluation over the test period in time order. Every test event of a user with any history
 * (earlier sessions, training-period ones included, and the session so far) is a prediction: each method
 * ranks the whole known catalogue and the event's track is looked up in that ranking. Then the event is
 * observed: learned from in the streaming protocol, only appended to the user's history in the static one.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** The figures of one protocol. {@code unrankable} targets were tracks no method could rank (unknown then). */
    public record Result(Protocol protocol, Map<String, MethodMetrics> methods, long predictions, long unrankable,
                         long firstEventsOfNewUsers) {
    }

    public static Result run(Protocol protocol, List<Interaction> fitted, List<Interaction> test,
                             List<NextTrackMethod> methods, Consumer<String> progress) {
        OnlineState state = new OnlineState();
        fitted.forEach(e -> state.observe(e, true));
        Catalogue catalogue = state.catalogue();
        Popularity popularity = state.popularity();
        Map<String, MetricsAccumulator> sums = new LinkedHashMap<>();
        methods.forEach(m -> sums.put(m.name(), new MetricsAccumulator()));
        float[] scores = new float[1024];
        long predictions = 0;
        long unrankable = 0;
        long newUsers = 0;
        long started = System.nanoTime();
        for (int e = 0; e < test.size(); e++) {
            Interaction event = test.get(e);
            UserHistory user = state.user(event.userId());
            if (user == null || user.isEmpty()) {
                newUsers++;
            } else {
                int n = catalogue.size();
                if (scores.length < n) {
                    scores = new float[n * 2];
                }
                int target = catalogue.indexOf(event.trackId());
                int targetArtist = catalogue.artistIndexOf(event.artistId());
                predictions++;
                if (target < 0) {
                    unrankable++;
                }
                Query query = new Query(user, event.time(), state);
                for (NextTrackMethod method : methods) {
                    Arrays.fill(scores, 0, n, 0f);
                    method.score(query, scores);
                    int rank = target < 0 ? 0 : Ranking.rankOf(scores, n, target, popularity);
                    int[] top = Ranking.top(scores, n, MetricsAccumulator.K, popularity);
                    double[] information = new double[top.length];
                    boolean artistHit = false;
                    for (int i = 0; i < top.length; i++) {
                        information[i] = selfInformation(popularity, top[i], n);
                        artistHit |= targetArtist >= 0 && catalogue.artistOf(top[i]) == targetArtist;
                    }
                    sums.get(method.name()).add(rank, artistHit, top, information);
                }
            }
            state.observe(event, protocol == Protocol.STREAMING);
            if (progress != null && (e + 1) % 5000 == 0) {
                progress.accept(String.format("%s: %,d/%,d test events, %.0f s", protocol, e + 1, test.size(),
                        (System.nanoTime() - started) / 1e9));
            }
        }
        Map<String, MethodMetrics> results = new LinkedHashMap<>();
        sums.forEach((name, sum) -> results.put(name, sum.result(catalogue.size())));
        return new Result(protocol, results, predictions, unrankable, newUsers);
    }

    private static double selfInformation(Popularity popularity, int track, int catalogueSize) {
        double share = (popularity.count(track) + 1) / (popularity.total() + catalogueSize);
        return -Math.log(share) / Math.log(2);
    }
}
