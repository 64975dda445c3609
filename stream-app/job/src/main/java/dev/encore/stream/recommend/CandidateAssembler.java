package dev.encore.stream.recommend;

import dev.encore.model.online.UserHistory;
import dev.encore.schema.EventType;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.trending.TrendingSnapshot;
import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unites the sources' proposals for one trigger: co-listening neighbours of the track just played, the user's
 * own repeats (decayed by the offline rule's weights), trending now, and content. Each source offers at most
 * {@code perSource} tracks; a track offered by several keeps every source's evidence. Tracks skipped in this
 * session and the track just played are never candidates. The model adds its own later, when it scores.
 */
public final class CandidateAssembler implements Serializable {
    private final int perSource;
    private final ContentCandidates content;

    public CandidateAssembler(int perSource, ContentCandidates content) {
        this.perSource = perSource;
        this.content = content;
    }

    /** Tracks never to offer after this trigger. */
    public static Set<String> excluded(Trigger trigger) {
        Set<String> excluded = new HashSet<>(java.util.Arrays.asList(trigger.skippedInSession()));
        excluded.add(trigger.trackId());
        return excluded;
    }

    public Candidate[] assemble(Trigger trigger, TrendingSnapshot trending, Set<String> excluded) {
        Map<String, Candidate> byTrack = new LinkedHashMap<>();
        int n = Math.min(perSource, trigger.neighbourTracks().length);
        for (int i = 0; i < n; i++) {
            offer(byTrack, excluded, trigger.neighbourTracks()[i], trigger.neighbourArtists()[i], Signal.CO_LISTENING,
                    trigger.neighbourWeights()[i]);
        }
        Map<String, Float> repeats = new HashMap<>();
        Map<String, String> artists = new HashMap<>();
        for (int i = 0; i < trigger.historyTracks().length; i++) {
            float weight = UserHistory.repeatWeight(EventType.values()[trigger.historyTypes()[i]]);
            if (weight > 0) {
                repeats.merge(trigger.historyTracks()[i], weight, Float::sum);
                artists.put(trigger.historyTracks()[i], trigger.historyArtists()[i]);
            }
        }
        repeats.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(perSource)
                .forEach(e -> offer(byTrack, excluded, e.getKey(), artists.get(e.getKey()), Signal.REPEAT, e.getValue()));
        for (int i = 0; i < Math.min(perSource, trending.tracks().length); i++) {
            offer(byTrack, excluded, trending.tracks()[i], trending.artists()[i], Signal.TRENDING, trending.counts()[i]);
        }
        content.propose(trigger, perSource).stream()
                .sorted(Comparator.comparingDouble(p -> -p.similarity()))
                .limit(perSource)
                .forEach(p -> offer(byTrack, excluded, p.trackId(), p.artistId(), Signal.CONTENT, p.similarity()));
        return byTrack.values().toArray(Candidate[]::new);
    }

    /** Adds a source's evidence for a track to the candidates (unless the track is excluded). */
    public static void offer(Map<String, Candidate> byTrack, Set<String> excluded, String track, String artist,
                             Signal signal, float value) {
        if (excluded.contains(track) || value <= 0) {
            return;
        }
        Candidate candidate = byTrack.computeIfAbsent(track,
                t -> new Candidate(t, artist == null ? "" : artist, new float[Signal.COUNT]));
        candidate.signals()[signal.ordinal()] += value;
    }
}
