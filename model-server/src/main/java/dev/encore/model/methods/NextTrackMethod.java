package dev.encore.model.methods;

import dev.encore.model.data.Interaction;

/**
 * A way to rank the catalogue for the next track. Scores are written for every known track; higher is
 * better; ties (including every track a method has no opinion on) are broken by popularity, so a method
 * that knows nothing degrades to most-popular rather than to an arbitrary order.
 */
public interface NextTrackMethod {
    String name();

    /** @param scores one slot per catalogue index, zero on entry */
    void score(Query query, float[] scores);

    /** Takes one event, after any prediction of it was made; methods with their own state learn here. */
    default void observe(Interaction event, boolean learn) {
    }
}
