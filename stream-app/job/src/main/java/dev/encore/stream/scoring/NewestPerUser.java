package dev.encore.stream.scoring;

import dev.encore.stream.recommend.CandidateSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sets of a model batch worth scoring: each user's newest. A batch holds one user's sets in the order of
 * their events (one user is always on one subtask, and the ordered async operator submits in order), so the
 * last set of a user is its newest, and the older ones would make lists replaced within the same instant.
 */
final class NewestPerUser {
    private NewestPerUser() {
    }

    /** The newest set of each user, in batch order. */
    static List<CandidateSet> of(List<CandidateSet> batch) {
        Map<String, Integer> last = lastIndexes(batch);
        if (last.size() == batch.size()) {
            return batch;
        }
        List<CandidateSet> newest = new ArrayList<>(last.size());
        for (int i = 0; i < batch.size(); i++) {
            if (last.get(batch.get(i).userId()) == i) {
                newest.add(batch.get(i));
            }
        }
        return newest;
    }

    /** One answer per set of {@code batch}: the scored ones in place, every other set superseded. */
    static List<ScoredSet> merge(List<CandidateSet> batch, List<CandidateSet> newest, List<ScoredSet> scored) {
        String version = scored.isEmpty() ? ScoredSet.NO_MODEL : scored.get(0).modelVersion();
        List<ScoredSet> answers = new ArrayList<>(batch.size());
        int next = 0;
        for (CandidateSet set : batch) {
            if (next < newest.size() && newest.get(next) == set) {
                answers.add(scored.get(next++));
            } else {
                answers.add(ScoredSet.superseded(set, version));
            }
        }
        return answers;
    }

    private static Map<String, Integer> lastIndexes(List<CandidateSet> batch) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            last.put(batch.get(i).userId(), i);
        }
        return last;
    }
}
