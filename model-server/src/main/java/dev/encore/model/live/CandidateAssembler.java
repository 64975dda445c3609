package dev.encore.model.live;

import dev.encore.model.online.UserHistory;
import dev.encore.schema.EventType;
import java.io.Serializable;
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
        Map<String, Candidate> byTrack = new LinkedHashMap<>();
        WeightedTracks neighbours = evidence.neighbours();
        for (int i = 0; i < Math.min(perSource, neighbours.size()); i++) {
            offer(byTrack, excluded, neighbours.tracks()[i], neighbours.artists()[i], Source.CO_LISTENING, neighbours.weights()[i]);
        }
        Map<String, Float> repeats = new HashMap<>();
        Map<String, String> artists = new HashMap<>();
        for (int i = 0; i < evidence.historyTracks().length; i++) {
            float weight = UserHistory.repeatWeight(EventType.values()[evidence.historyTypes()[i]]);
            if (weight > 0) {
                repeats.merge(evidence.historyTracks()[i], weight, Float::sum);
                artists.put(evidence.historyTracks()[i], evidence.historyArtists()[i]);
            }
        }
        repeats.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(perSource)
                .forEach(e -> offer(byTrack, excluded, e.getKey(), artists.get(e.getKey()), Source.REPEAT, e.getValue()));
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
