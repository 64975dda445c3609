package dev.encore.model.live;

import dev.encore.model.data.Interaction;
import dev.encore.model.online.Transitions;
import java.util.HashMap;
import java.util.Map;

/**
 * The stream job's keyed state, replayed in one thread for evaluation: each user's sequence (twice, as the job keeps
 * it: the newest few events that pair tracks, and the longer history the recommender reads), each track's
 * co-listening neighbours, each artist's most played tracks and the trending windows, updated by the same rules
 * ({@link UserSequence}, {@link WeightedTracks}, {@link Transitions}) in the order the job applies them, so that
 * {@link #observe} returns the {@link Evidence} the job's operators hand on for the same event.
 */
public final class JobReplica {
    private final LiveSettings settings;
    private final long gapMillis;
    /** Each user's history as the candidate stage keeps it (what the recommender reads). */
    private final Map<String, UserSequence> users = new HashMap<>();
    /** Each user's newest events as the sequence stage keeps them (what co-listening pairs are made from). */
    private final Map<String, UserSequence> pairing = new HashMap<>();
    private final Map<String, WeightedTracks> neighbours = new HashMap<>();
    private final Map<String, WeightedTracks> artistTracks = new HashMap<>();
    private final TrendingWindows trending;

    public JobReplica(LiveSettings settings) {
        this.settings = settings;
        this.gapMillis = settings.sessionGap().toMillis();
        this.trending = new TrendingWindows(settings);
    }

    /**
     * Takes one event and returns what the user's new list is made from. Without {@code learn} only the user's
     * sequence moves on (a frozen model's input); co-listening, artists and trending stay as they were.
     */
    public Evidence observe(Interaction event, boolean learn) {
        long time = event.time().toEpochMilli();
        UserSequence before = users.getOrDefault(event.userId(), UserSequence.EMPTY);
        UserSequence after = before.with(event.trackId(), event.artistId(), event.type(), time, settings.sequenceLength());
        users.put(event.userId(), after);
        UserSequence recent = pairing.getOrDefault(event.userId(), UserSequence.EMPTY)
                .with(event.trackId(), event.artistId(), event.type(), time, UserSequence.PAIRING_CAPACITY);
        pairing.put(event.userId(), recent);
        float weight = Transitions.weightOf(event.type());
        if (learn && weight > 0) {
            recent.pairs(event.trackId(), time, weight, gapMillis, (from, to, w) -> neighbours.put(from,
                    neighbours.getOrDefault(from, WeightedTracks.EMPTY).plus(to, recent.artistOf(to), w, settings.maxNeighbours())));
            artistTracks.put(event.artistId(), artistTracks.getOrDefault(event.artistId(), WeightedTracks.EMPTY)
                    .plus(event.trackId(), event.artistId(), weight, settings.artistMaxTracks()));
            trending.add(event.trackId(), event.artistId(), weight, time);
        }
        return Evidence.of(event.trackId(), after, gapMillis,
                neighbours.getOrDefault(event.trackId(), WeightedTracks.EMPTY).top(settings.perSource()),
                artistTracks.getOrDefault(event.artistId(), WeightedTracks.EMPTY).top(settings.perSource()),
                trending.snapshot());
    }

    /** The trending snapshot in force now (the newest window the events so far have closed), as the job broadcasts it. */
    public TrendingSnapshot trendingNow() {
        return trending.snapshot();
    }
}
