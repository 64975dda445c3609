package dev.encore.model.live;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One position of a list ({@code rank}, 1 is the top) given to exploration: the chosen source's best candidate
 * that the ranker did not already rank above the slot goes there, and the items from the slot on move down one.
 * What the source offers is its own strongest evidence (the model: its highest logit), not the ranker's score, so a
 * source the ranker weighs little still shows what it knows and its outcomes can teach the bandit ({@link SourceBandit}).
 * The rest of the list keeps the ranker's order; the list keeps its length.
 */
public final class ExplorationSlot implements Serializable {
    private final int rank;

    public ExplorationSlot(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("the exploration slot's rank must be 1 or more, was " + rank);
        }
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** By {@link Source#ordinal()}: whether the source has a candidate that is not ranked above the slot. */
    public boolean[] available(RankedItem[] ranked, Candidate[] candidates, float[] logits) {
        Set<String> above = above(ranked);
        boolean[] available = new boolean[Source.COUNT];
        for (Source source : Source.values()) {
            available[source.ordinal()] = best(source, candidates, logits, above) >= 0;
        }
        return available;
    }

    /**
     * {@code ranked} with {@code source}'s pick at the slot (at the end when the list is shorter), marked explored;
     * unchanged when the source has nothing to offer.
     */
    public RankedItem[] place(RankedItem[] ranked, Candidate[] candidates, float[] logits, Source source, String justPlayed) {
        int pick = best(source, candidates, logits, above(ranked));
        if (pick < 0) {
            return ranked;
        }
        Candidate chosen = candidates[pick];
        float score = 0;
        List<RankedItem> rest = new ArrayList<>(ranked.length);
        for (RankedItem item : ranked) {
            if (item.trackId().equals(chosen.trackId())) {
                score = item.score(); // the ranker put it below the slot: it keeps its score
            } else {
                rest.add(item);
            }
        }
        int at = Math.min(rank, rest.size() + 1) - 1;
        int length = Math.max(ranked.length, at + 1);
        RankedItem[] placed = new RankedItem[Math.min(length, rest.size() + 1)];
        for (int i = 0, from = 0; i < placed.length; i++) {
            RankedItem item = i == at
                    ? new RankedItem(chosen.trackId(), chosen.artistId(), score, 0, source, source.reason(chosen, justPlayed), true)
                    : rest.get(from++);
            placed[i] = new RankedItem(item.trackId(), item.artistId(), item.score(), i + 1, item.source(), item.reason(), item.explored());
        }
        return placed;
    }

    private Set<String> above(RankedItem[] ranked) {
        Set<String> above = new HashSet<>();
        for (int i = 0; i < Math.min(rank - 1, ranked.length); i++) {
            above.add(ranked[i].trackId());
        }
        return above;
    }

    /** The candidate with the source's strongest evidence outside {@code above} (ties by track id), or -1. */
    private static int best(Source source, Candidate[] candidates, float[] logits, Set<String> above) {
        int best = -1;
        float bestValue = 0;
        for (int i = 0; i < candidates.length; i++) {
            float value;
            if (source == Source.MODEL) {
                value = logits == null || Float.isNaN(logits[i]) ? Float.NaN : logits[i];
            } else {
                value = candidates[i].evidence(source) > 0 ? candidates[i].evidence(source) : Float.NaN;
            }
            if (Float.isNaN(value) || above.contains(candidates[i].trackId())) {
                continue;
            }
            if (best < 0 || value > bestValue || (value == bestValue && candidates[i].trackId().compareTo(candidates[best].trackId()) < 0)) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }
}
