package dev.encore.model.methods;

import dev.encore.model.online.Catalogue;
import dev.encore.model.online.UserHistory;
import dev.encore.model.sasrec.ItemVocabulary;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.sasrec.SequenceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The attention model as a score source: the probability (softmax over its vocabulary) of each track being
 * next, written at the track's catalogue index. Tracks the model never saw get nothing from it; other sources
 * must carry them. Not thread-safe (it caches the last query, which several methods ask for in turn).
 */
public final class AttentionScores implements BiConsumer<Query, float[]>, Rescorer {
    private final SasRecModel model;
    private Catalogue mappedCatalogue;
    private int[] vocabularyToCatalogue = new int[0];
    private final List<Integer> unmapped = new ArrayList<>();
    private Query lastQuery;
    private float[] lastProbabilities;

    public AttentionScores(SasRecModel model) {
        this.model = model;
    }

    /**
     * A source that writes only the model's {@code n} most likely tracks, as the live recommender's candidate
     * stage uses it. Its results are cached by user history, so re-running an evaluation (weight tuning)
     * costs no model calls.
     */
    public BiConsumer<Query, float[]> topCandidates(int n) {
        return (query, scores) -> {
            // Keyed by the history's content, which is the model's whole input, so a re-run hits the cache.
            String key = key(query);
            int[] tracks;
            float[] values;
            float[][] cached = topCache.get(key);
            if (cached == null) {
                float[] all = new float[query.state().catalogue().size()];
                accept(query, all);
                float threshold = TopK.kthLargestPositive(all, all.length, n, new float[all.length]);
                tracks = new int[n];
                values = new float[n];
                int m = 0;
                for (int i = 0; i < all.length && m < n; i++) {
                    if (all[i] > 0 && all[i] >= threshold) {
                        tracks[m] = i;
                        values[m++] = all[i];
                    }
                }
                float[] trackColumn = new float[m];
                for (int i = 0; i < m; i++) {
                    trackColumn[i] = tracks[i];
                }
                topCache.put(key, new float[][] {trackColumn, java.util.Arrays.copyOf(values, m)});
                cached = topCache.get(key);
            }
            for (int i = 0; i < cached[0].length; i++) {
                scores[(int) cached[0][i]] += cached[1][i];
            }
        };
    }

    /** The model's probability of each candidate; cached by history and candidates for re-runs. */
    @Override
    public float[] rescore(Query query, int[] candidates) {
        String key = key(query) + "#" + java.util.Arrays.hashCode(candidates);
        float[][] cached = topCache.get(key);
        if (cached != null) {
            return cached[0];
        }
        float[] probabilities = probabilities(query);
        Catalogue catalogue = query.state().catalogue();
        ItemVocabulary vocabulary = model.vocabulary();
        float[] scores = new float[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            int id = vocabulary.id(catalogue.trackId(candidates[c]));
            scores[c] = id == ItemVocabulary.OUT_OF_VOCABULARY ? 0 : probabilities[id];
        }
        topCache.put(key, new float[][] {scores});
        return scores;
    }

    private static String key(Query query) {
        var recent = query.user().recent();
        return recent.hashCode() + "@" + recent.size() + "@" + query.user().last().time();
    }

    private final java.util.Map<String, float[][]> topCache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, float[][]> eldest) {
            return size() > 200_000;
        }
    };

    @Override
    public void accept(Query query, float[] scores) {
        float[] probabilities = probabilities(query);
        int[] map = mapping(query.state().catalogue());
        for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < probabilities.length; id++) {
            int track = map[id];
            if (track >= 0) {
                scores[track] += probabilities[id];
            }
        }
    }

    private float[] probabilities(Query query) {
        if (query == lastQuery) {
            return lastProbabilities;
        }
        List<SequenceInput.Event> history = new ArrayList<>();
        for (UserHistory.Step step : query.user().recent()) {
            history.add(new SequenceInput.Event(step.trackId(), step.type()));
        }
        float[] logits = model.logits(List.of(history))[0];
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

    /** Catalogue index of each vocabulary id (-1 while the catalogue does not know the track). */
    private int[] mapping(Catalogue catalogue) {
        ItemVocabulary vocabulary = model.vocabulary();
        if (catalogue != mappedCatalogue) {
            mappedCatalogue = catalogue;
            vocabularyToCatalogue = new int[vocabulary.size()];
            unmapped.clear();
            for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < vocabulary.size(); id++) {
                unmapped.add(id);
            }
        }
        if (!unmapped.isEmpty()) {
            unmapped.removeIf(id -> (vocabularyToCatalogue[id] = catalogue.indexOf(vocabulary.trackId(id))) >= 0);
        }
        return vocabularyToCatalogue;
    }
}
