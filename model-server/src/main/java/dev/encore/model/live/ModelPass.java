package dev.encore.model.live;

import dev.encore.model.scoring.Scorer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one model answer adds to a user's candidates: the model's own best tracks (unless excluded) as MODEL
 * candidates, and a logit for every candidate (NaN for a track the model does not know, which then gets no
 * model term). Embedded, remote and offline scoring all go through here, so they rank alike.
 */
public final class ModelPass {
    private ModelPass() {
    }

    /** Candidates after the model, in order (the sources' first, then the model's), with one logit each. */
    public record Scored(Candidate[] candidates, float[] logits) {
    }

    /** The request to send for these candidates. */
    public static Scorer.Request request(Evidence evidence, Candidate[] candidates) {
        return request(evidence.historyTracks(), evidence.historyArtists(), evidence.historyTypes(), candidates);
    }

    /** The request to send for a user's events (oldest first) and these candidates, with every artist known. */
    public static Scorer.Request request(String[] tracks, String[] artists, byte[] types, Candidate[] candidates) {
        String[] candidateTracks = new String[candidates.length];
        String[] candidateArtists = new String[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            candidateTracks[i] = candidates[i].trackId();
            candidateArtists[i] = candidates[i].artistId();
        }
        return new Scorer.Request(Evidence.sequence(tracks, artists, types), Arrays.asList(candidateTracks),
                Arrays.asList(candidateArtists));
    }

    public static Scored apply(Candidate[] candidates, Scorer.Ranked answer, Set<String> excluded) {
        if (answer.top().isEmpty()) {
            // Rescoring only (0023): nothing to add or merge, so the candidates, each a distinct track, go on as they
            // are; building the merge map and copying every candidate's evidence was a fifth of the model thread.
            return new Scored(candidates, Arrays.copyOf(answer.scores(), candidates.length));
        }
        Map<String, Candidate> byTrack = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byTrack.put(candidate.trackId(), new Candidate(candidate.trackId(), candidate.artistId(), candidate.evidence().clone()));
        }
        List<Scorer.ScoredTrack> top = answer.top();
        Map<String, Float> topLogits = new LinkedHashMap<>();
        // Logits can be negative: the source's evidence is the rank, best first, so that every top track counts.
        for (int rank = 0; rank < top.size(); rank++) {
            Scorer.ScoredTrack track = top.get(rank);
            CandidateAssembler.offer(byTrack, excluded, track.trackId(), track.artistId(), Source.MODEL, 1f / (rank + 1));
            topLogits.put(track.trackId(), track.score());
        }
        Candidate[] widened = byTrack.values().toArray(Candidate[]::new);
        float[] logits = Arrays.copyOf(answer.scores(), widened.length);
        for (int c = candidates.length; c < widened.length; c++) {
            logits[c] = topLogits.get(widened[c].trackId());
        }
        return new Scored(widened, logits);
    }
}
