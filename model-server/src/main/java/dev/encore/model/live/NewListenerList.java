package dev.encore.model.live;

import java.util.Set;

/**
 * The list for a listener with no event yet: the trending snapshot in force, ranked by the same {@link Ranker} as
 * every list (trending weighs at least its cold-start weight), each item with the reason "trending now". The job
 * publishes it once per closed trending window; the evaluation judges new listeners' first events against it.
 */
public final class NewListenerList {
    private NewListenerList() {
    }

    public static RankedItem[] rank(TrendingSnapshot trending, CandidateAssembler assembler, Ranker ranker) {
        Evidence none = Evidence.newListener(trending);
        return ranker.rank(assembler.assemble(none, Set.of()), null, none.historyArtists(), none.justPlayed());
    }
}
