package dev.encore.model.methods;

import dev.encore.model.online.Catalogue;
import dev.encore.model.online.Popularity;
import dev.encore.model.online.UserHistory;
import java.util.List;
import java.util.Map;

/**
 * The candidate sources as score arrays: each writes its raw evidence for every track into an array, so that
 * each baseline ranks the catalogue by one of them (the live recommender has its own, the job's: {@code dev.encore.model.live}).
 */
public final class Sources {
    /** Weight of the session's k-th most recent track in the transition source: 1, 1/2, 1/4. */
    private static final float[] RECENCY = {1f, 0.5f, 0.25f};

    private Sources() {
    }

    public static void popularity(Query query, float[] scores) {
        Popularity popularity = query.state().popularity();
        int n = query.state().catalogue().size();
        for (int i = 0; i < n; i++) {
            scores[i] = popularity.count(i);
        }
    }

    public static void trending(Query query, float[] scores) {
        Popularity popularity = query.state().popularity();
        int n = query.state().catalogue().size();
        for (int i = 0; i < n; i++) {
            scores[i] = (float) popularity.trendingRank(i);
        }
    }

    /** The user's own decayed play counts: repeats. */
    public static void personal(Query query, float[] scores) {
        Catalogue catalogue = query.state().catalogue();
        for (Map.Entry<String, float[]> entry : query.user().personal().entrySet()) {
            int track = catalogue.indexOf(entry.getKey());
            if (track >= 0) {
                scores[track] += entry.getValue()[0];
            }
        }
    }

    /** Co-listening neighbours of the session's last tracks, each neighbour list normalised to sum 1. */
    public static void transitions(Query query, float[] scores) {
        List<UserHistory.Step> session = query.user().session();
        for (int k = 0; k < RECENCY.length && k < session.size(); k++) {
            int track = session.get(session.size() - 1 - k).track();
            if (track < 0) {
                continue;
            }
            Map<Integer, Float> neighbours = query.state().transitions().of(track);
            float total = 0;
            for (float w : neighbours.values()) {
                total += w;
            }
            for (Map.Entry<Integer, Float> next : neighbours.entrySet()) {
                scores[next.getKey()] += RECENCY[k] * next.getValue() / total;
            }
        }
    }

    /** Tracks by the artists of the session's last two tracks, by their popularity: content for cold tracks. */
    public static void sameArtist(Query query, float[] scores) {
        List<UserHistory.Step> session = query.user().session();
        Catalogue catalogue = query.state().catalogue();
        Popularity popularity = query.state().popularity();
        for (int k = 0; k < 2 && k < session.size(); k++) {
            int artist = session.get(session.size() - 1 - k).artist();
            for (int track : catalogue.tracksOfArtist(artist)) {
                scores[track] += RECENCY[k] * (1 + (float) Math.log1p(popularity.count(track)));
            }
        }
    }
}
