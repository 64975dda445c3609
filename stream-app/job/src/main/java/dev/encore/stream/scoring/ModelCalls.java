package dev.encore.stream.scoring;

import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.recommend.Candidate;
import dev.encore.stream.recommend.CandidateAssembler;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the job asks the model for a batch of candidate sets, through the one {@link Scorer} interface whatever
 * runs it: a score for every candidate and the model's own top tracks for each user (added as MODEL candidates
 * unless excluded), in one model pass where the scorer can. Embedded and remote scoring both run exactly this,
 * so they rank alike.
 */
public final class ModelCalls {
    private ModelCalls() {
    }

    /** The model's input for one set: the user's sequence, oldest first. */
    public static List<SequenceInput.Event> sequence(CandidateSet set) {
        List<SequenceInput.Event> events = new ArrayList<>(set.historyTracks().length);
        for (int i = 0; i < set.historyTracks().length; i++) {
            events.add(new SequenceInput.Event(set.historyTracks()[i], set.historyType(i)));
        }
        return events;
    }

    /** Scores each set, in order; up to {@code topK} of the model's own tracks are added to each set first. */
    public static List<ScoredSet> score(Scorer scorer, List<CandidateSet> sets, int topK) {
        List<Scorer.Request> requests = new ArrayList<>(sets.size());
        for (CandidateSet set : sets) {
            requests.add(new Scorer.Request(sequence(set), Arrays.stream(set.candidates()).map(Candidate::trackId).toList()));
        }
        List<Scorer.Ranked> ranked = scorer.scoreAndTop(requests, topK);
        List<ScoredSet> result = new ArrayList<>(sets.size());
        for (int i = 0; i < sets.size(); i++) {
            CandidateSet set = sets.get(i);
            Scorer.Ranked answer = ranked.get(i);
            CandidateSet widened = withModelCandidates(set, answer.top());
            // The sources' candidates keep their order; the model's additions follow, scored by the same pass.
            Map<String, Float> topScores = new HashMap<>();
            answer.top().forEach(t -> topScores.put(t.trackId(), t.score()));
            float[] scores = Arrays.copyOf(answer.scores(), widened.candidates().length);
            for (int c = set.candidates().length; c < scores.length; c++) {
                scores[c] = topScores.get(widened.candidates()[c].trackId());
            }
            result.add(new ScoredSet(widened, scores, false, scorer.modelVersion()));
        }
        return result;
    }

    static CandidateSet withModelCandidates(CandidateSet set, List<Scorer.ScoredTrack> top) {
        Map<String, Candidate> byTrack = new LinkedHashMap<>();
        for (Candidate candidate : set.candidates()) {
            byTrack.put(candidate.trackId(), candidate);
        }
        Set<String> excluded = new HashSet<>(Arrays.asList(set.excluded()));
        // Logits can be negative: the source's evidence is the rank, best first, so that every top track counts.
        for (int rank = 0; rank < top.size(); rank++) {
            CandidateAssembler.offer(byTrack, excluded, top.get(rank).trackId(), "", Signal.MODEL, 1f / (rank + 1));
        }
        return set.withCandidates(byTrack.values().toArray(Candidate[]::new));
    }
}
