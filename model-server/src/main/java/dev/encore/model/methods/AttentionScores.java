package dev.encore.model.methods;

import dev.encore.model.online.UserHistory;
import dev.encore.model.sasrec.ItemVocabulary;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.sasrec.SequenceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The attention model as a score source: the probability (softmax over its vocabulary) of each track being
 * next, written at the track's catalogue index. Tracks the model never saw get nothing from it; other sources
 * must carry them. Not thread-safe (it caches the last query, which the
 * ruled and unruled twins ask for in turn).
 */
public final class AttentionScores implements BiConsumer<Query, float[]> {
    private final Supplier<SasRecModel> models;
    private SasRecModel model;
    private CatalogueMapping mapping;
    private Query lastQuery;
    private float[] lastProbabilities;

    public AttentionScores(SasRecModel model) {
        this(() -> model);
    }

    /** Scores with whichever model {@code models} gives at each query (a model that is updated as the stream runs). */
    public AttentionScores(Supplier<SasRecModel> models) {
        this.models = models;
    }

    @Override
    public void accept(Query query, float[] scores) {
        float[] probabilities = probabilities(query);
        int[] map = mapping.in(query.state().catalogue());
        for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < probabilities.length; id++) {
            int track = map[id];
            if (track >= 0) {
                scores[track] += probabilities[id];
            }
        }
    }

    private float[] probabilities(Query query) {
        if (models.get() != model) {
            model = models.get();
            ItemVocabulary vocabulary = model.vocabulary();
            mapping = new CatalogueMapping(vocabulary::trackId, ItemVocabulary.OUT_OF_VOCABULARY + 1, vocabulary.size());
            lastQuery = null;
        }
        if (query == lastQuery) {
            return lastProbabilities;
        }
        List<SequenceInput.Event> history = new ArrayList<>();
        for (UserHistory.Step step : query.user().recent()) {
            history.add(new SequenceInput.Event(step.trackId(), query.state().catalogue().artistId(step.artist()), step.type()));
        }
        float[] logits = model.logits(List.of(history)).tracks()[0];
        float max = Float.NEGATIVE_INFINITY;
        for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < logits.length; id++) {
            max = Math.max(max, logits[id]);
        }
        double sum = 0;
        float[] probabilities = new float[logits.length];
        for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < logits.length; id++) {
            probabilities[id] = (float) Math.exp(logits[id] - max);
            sum += probabilities[id];
        }
        for (int id = 0; id < probabilities.length; id++) {
            probabilities[id] /= (float) sum;
        }
        lastQuery = query;
        lastProbabilities = probabilities;
        return probabilities;
    }
}
