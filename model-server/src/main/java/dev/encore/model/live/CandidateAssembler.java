package dev.encore.model.live;

import dev.encore.model.online.UserHistory;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unites the sources' proposals for one recomputation: co-listening neighbours of the track just played, the
 * user's own repeats over the remembered events, the trending snapshot and the artist's most played tracks.
 * Each source offers at most {@code perSource} tracks; a track offered by several keeps every source's evidence.
 * Excluded tracks are never candidates. The model adds its own later, when it scores ({@link ModelPass}).
 */
public final class CandidateAssembler implements Serializable {
    private final int perSource;

    public CandidateAssembler(int perSource) {
        this.perSource = perSource;
    }

    public Candidate[] assemble(Evidence evidence, Set<String> excluded) {
        // Sized for four full sources at once: growing it from the default size took four rehashes per list.
        Map<String, Candidate> byTrack = new LinkedHashMap<>(4 * perSource);
        WeightedTracks neighbours = evidence.neighbours();
        for (int i = 0; i < Math.min(perSource, neighbours.size()); i++) {
            offer(byTrack, excluded, neighbours.tracks()[i], neighbours.artists()[i], Source.CO_LISTENING, neighbours.weights()[i]);
        }
        offerRepeats(byTrack, excluded, evidence);
        TrendingSnapshot trending = evidence.trending();
        for (int i = 0; i < Math.min(perSource, trending.tracks().length); i++) {
            offer(byTrack, excluded, trending.tracks()[i], trending.artists()[i], Source.TRENDING, trending.counts()[i]);
        }
        WeightedTracks byArtist = evidence.artistTracks();
        for (int i = 0; i < Math.min(perSource, byArtist.size()); i++) {
            // Log-damped, so that the artist's hit does not drown its other tracks.
            offer(byTrack, excluded, byArtist.tracks()[i], byArtist.artists()[i], Source.SAME_ARTIST,
                    1 + (float) Math.log1p(byArtist.weights()[i]));
        }
        return byTrack.values().toArray(Candidate[]::new);
    }

    /** The user's own most repeated tracks over the remembered events, each with its summed repeat weight. */
    private void offerRepeats(Map<String, Candidate> byTrack, Set<String> excluded, Evidence evidence) {
        String[] history = evidence.historyTracks();
        Map<String, Integer> slots = new HashMap<>(2 * history.length);
        String[] tracks = new String[history.length];
        String[] artists = new String[history.length];
        float[] weights = new float[history.length];
        int distinct = 0;
        for (int i = 0; i < history.length; i++) {
            float weight = UserHistory.repeatWeight(evidence.historyType(i));
            if (weight > 0) {
                Integer slot = slots.putIfAbsent(history[i], distinct);
                int s = slot == null ? distinct++ : slot;
                tracks[s] = history[i];
                artists[s] = evidence.historyArtists()[i]; // the latest event's artist, should they differ
                weights[s] += weight;
            }
        }
        int[] order = HeaviestFirst.order(Arrays.copyOf(weights, distinct), Arrays.copyOf(tracks, distinct), perSource);
        for (int s : order) {
            offer(byTrack, excluded, tracks[s], artists[s], Source.REPEAT, weights[s]);
        }
    }

    /** Adds a source's evidence for a track to the candidates (unless the track is excluded). */
    static void offer(Map<String, Candidate> byTrack, Set<String> excluded, String track, String artist, Source source,
                      float value) {
        if (excluded.contains(track) || value <= 0) {
            return;
        }
        Candidate candidate = byTrack.computeIfAbsent(track,
                t -> new Candidate(t, artist == null ? "" : artist, new float[Source.COUNT]));
        candidate.evidence()[source.ordinal()] += value;
    }
}
