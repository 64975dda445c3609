package dev.encore.model.methods;

import dev.encore.model.live.RankedItem;
import java.util.List;

/**
 * A method that shows a list, as the product does, instead of scoring the whole catalogue: a track not on the
 * list is not recommended, and the list may be shorter than the metrics' cut-off.
 */
public interface ListMethod extends NextTrackMethod {
    /** The list in force for the user now (made from the user's last observed event), best first. */
    List<RankedItem> list(String userId);

    /** The list for a listener with no event yet, shown before their first; none by default. */
    default List<RankedItem> newListenerList() {
        return List.of();
    }

    @Override
    default void score(Query query, float[] scores) {
        throw new UnsupportedOperationException(name() + " makes lists; it does not score the catalogue");
    }
}
