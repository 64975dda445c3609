package dev.encore.model.scoring;

import dev.encore.model.sasrec.SequenceInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scorer that remembers its answers to {@link #scoreAndTop} (by request and k, up to a bound, least recently used
 * out first), for evaluations in which several methods ask the same questions: the live recommender's variants
 * with the same exclusions differ in how they rank, not in their candidates. Not for the live path, where no
 * question comes twice. Not thread-safe.
 */
public final class RememberingScorer implements Scorer {
    private record Question(Request request, int k) {
    }

    private final Scorer scorer;
    private final Map<Question, Ranked> answers;

    public RememberingScorer(Scorer scorer, int capacity) {
        this.scorer = scorer;
        this.answers = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Question, Ranked> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public List<Ranked> scoreAndTop(List<Request> requests, int k) {
        List<Ranked> result = new ArrayList<>(requests.size());
        for (Request request : requests) {
            result.add(answers.computeIfAbsent(new Question(request, k), q -> scorer.scoreAndTop(List.of(request), k).get(0)));
        }
        return result;
    }

    @Override
    public String modelVersion() {
        return scorer.modelVersion();
    }

    @Override
    public List<float[]> score(List<Request> requests) {
        return scorer.score(requests);
    }

    @Override
    public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
        return scorer.topK(sequences, k);
    }

    @Override
    public long unknownTracks() {
        return scorer.unknownTracks();
    }

    @Override
    public void close() {
        scorer.close();
    }
}
