package dev.encore.model.methods;

/** Scores given candidate tracks (catalogue indexes) for a query; the attention model is one. */
public interface Rescorer {
    /** One score per candidate, higher is better; 0 for a track it cannot score. */
    float[] rescore(Query query, int[] candidates);
}
