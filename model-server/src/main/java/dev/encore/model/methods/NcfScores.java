package dev.encore.model.methods;

import dev.encore.model.ncf.NcfModel;
import java.util.function.BiConsumer;

/**
 * Neural collaborative filtering as a score source: each track's probability for the user, written at the track's
 * catalogue index. Users and tracks it was not trained on get nothing from it. Not thread-safe (it caches the
 * last query, which the ruled and unruled twins ask for in turn).
 */
public final class NcfScores implements BiConsumer<Query, float[]> {
    private final NcfModel model;
    private final CatalogueMapping mapping;
    private Query lastQuery;
    private float[] lastProbabilities;

    public NcfScores(NcfModel model) {
        this.model = model;
        this.mapping = new CatalogueMapping(model.tracks()::get, 0, model.tracks().size());
    }

    @Override
    public void accept(Query query, float[] scores) {
        if (query != lastQuery) {
            lastQuery = query;
            lastProbabilities = model.probabilities(query.userId());
        }
        float[] probabilities = lastProbabilities;
        if (probabilities == null) {
            return;
        }
        int[] map = mapping.in(query.state().catalogue());
        for (int id = 0; id < probabilities.length; id++) {
            if (map[id] >= 0) {
                scores[map[id]] += probabilities[id];
            }
        }
    }
}
