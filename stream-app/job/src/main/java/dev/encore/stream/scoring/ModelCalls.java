package dev.encore.stream.scoring;

import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.recommend.Candidate;
import dev.encore.stream.recommend.CandidateAssembler;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the job asks the model for a batch of candidate sets, through the one {@link Scorer} interface whatever
 * runs it: first the model's own top tracks for each user (added as MODEL candidates unless excluded), then a
 * score for every candidate. Embedded and remote scoring both run exactly this, so they rank alike.
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

    /** Scores each set, in order; {@code topK} model candidates are added per set first. */
    public static List<ScoredSet> score(Scorer scorer, List<CandidateSet> sets, int topK) {
        List<List<SequenceInput.Event>> sequences = sets.stream().map(ModelCalls::sequence).toList();
        List<List<Scorer.ScoredTrack>> tops = scorer.topK(sequences, topK);
        List<CandidateSet> widened = new ArrayList<>(sets.size());
        List<Scorer.Request> requests = new ArrayList<>(sets.size());
        for (int i = 0; i < sets.size(); i++) {
            CandidateSet set = withModelCandidates(sets.get(i), tops.get(i));
            widened.add(set);
            requests.add(new Scorer.Request(sequences.get(i), Arrays.stream(set.candidates()).map(Candidate::trackId).toList()));
        }
        List<float[]> scores = requests.stream().allMatch(r -> r.candidates().isEmpty())
                ? requests.stream().map(r -> new float[0]).toList()
                : scoreNonEmpty(scorer, requests);
        List<ScoredSet> result = new ArrayList<>(sets.size());
        for (int i = 0; i < sets.size(); i++) {
            result.add(new ScoredSet(widened.get(i), scores.get(i), false, scorer.modelVersion(), 0));
        }
        return result;
    }

    /** The model server refuses empty candidate lists; such sets get an empty answer without asking. */
    private static List<float[]> scoreNonEmpty(Scorer scorer, List<Scorer.Request> requests) {
        List<Scorer.Request> asked = requests.stream().filter(r -> !r.candidates().isEmpty()).toList();
        List<float[]> answers = asked.isEmpty() ? List.of() : scorer.score(asked);
        List<float[]> scores = new ArrayList<>(requests.size());
        int next = 0;
        for (Scorer.Request request : requests) {
            scores.add(request.candidates().isEmpty() ? new float[0] : answers.get(next++));
        }
        return scores;
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
