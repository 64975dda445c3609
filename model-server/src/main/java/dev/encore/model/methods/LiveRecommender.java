package dev.encore.model.methods;

import dev.encore.model.online.UserHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The live recommender's ranking, as the stream job runs it: each source proposes its top candidates
 * ({@code candidatesPerSource}), every candidate gets every source's score (scaled to a maximum of 1) as a
 * feature, the model rescores all candidates, and a weighted sum ranks them. Tracks skipped in this
 * session and the track just played are never offered. Tracks that are no candidate score 0 (and so fall
 * back to popularity in a full ranking).
 */
public final class LiveRecommender implements NextTrackMethod {
    private final String name;
    private final List<Source> sources;
    private final Rescorer model;
    private final BiConsumer<Query, float[]> modelCandidates;
    private final float modelWeight;
    private final int candidatesPerSource;
    private final Exclusions exclusions;

    /** Which tracks the live recommender never offers. */
    public enum Exclusions {
        /** Tracks skipped in this session and the track just played, as the stream job does. */
        SKIPPED_AND_JUST_PLAYED,
        /** Only tracks skipped in this session (the just-played track may be offered again). */
        SKIPPED_ONLY,
        /** None: to measure what the rules cost. */
        NONE
    }

    /** A candidate source with its weight in the final score. */
    public record Source(String name, BiConsumer<Query, float[]> scorer, float weight) {
    }

    /**
     * @param model           rescores every candidate; null for none
     * @param modelCandidates the model's own candidates (its top tracks); null for none
     */
    public LiveRecommender(String name, List<Source> sources, Rescorer model, BiConsumer<Query, float[]> modelCandidates,
                           float modelWeight, int candidatesPerSource) {
        this(name, sources, model, modelCandidates, modelWeight, candidatesPerSource, Exclusions.SKIPPED_AND_JUST_PLAYED);
    }

    public LiveRecommender(String name, List<Source> sources, Rescorer model, BiConsumer<Query, float[]> modelCandidates,
                           float modelWeight, int candidatesPerSource, Exclusions exclusions) {
        this.name = name;
        this.sources = List.copyOf(sources);
        this.model = model;
        this.modelCandidates = modelCandidates;
        this.modelWeight = modelWeight;
        this.candidatesPerSource = candidatesPerSource;
        this.exclusions = exclusions;
    }

    @Override
    public String name() {
        return name;
    }

    public List<Source> sources() {
        return sources;
    }

    @Override
    public void score(Query query, float[] scores) {
        int n = query.state().catalogue().size();
        float[][] features = scratch(sources.size() + 1, n);
        float[] maxima = new float[sources.size()];
        boolean[] candidate = candidateFlags(n);
        for (int s = 0; s < sources.size(); s++) {
            float[] values = features[s];
            java.util.Arrays.fill(values, 0, n, 0f);
            sources.get(s).scorer().accept(query, values);
            maxima[s] = propose(values, n, candidate, features[sources.size()]);
        }
        if (model != null && modelCandidates != null) {
            float[] proposed = features[sources.size()];
            java.util.Arrays.fill(proposed, 0, n, 0f);
            modelCandidates.accept(query, proposed);
            propose(proposed, n, candidate, null);
        }
        float[] excluded = markExcluded(n);
        exclude(query, excluded, exclusions);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (candidate[i] && excluded[i] == 0) {
                chosen.add(i);
            }
        }
        int[] ids = chosen.stream().mapToInt(Integer::intValue).toArray();
        float[] modelScores = model == null || modelWeight == 0 ? null : model.rescore(query, ids);
        float modelMax = 0;
        if (modelScores != null) {
            for (float v : modelScores) {
                modelMax = Math.max(modelMax, v);
            }
        }
        for (int c = 0; c < ids.length; c++) {
            int track = ids[c];
            float score = 0;
            for (int s = 0; s < sources.size(); s++) {
                if (maxima[s] > 0) {
                    score += sources.get(s).weight() * features[s][track] / maxima[s];
                }
            }
            if (modelScores != null && modelMax > 0) {
                score += modelWeight * modelScores[c] / modelMax;
            }
            // A candidate always outranks a non-candidate, whatever the weights.
            scores[track] = Float.MIN_NORMAL + score;
        }
        for (int i = 0; i < n; i++) {
            if (excluded[i] != 0) {
                scores[i] = -1;
            }
        }
    }

    /** Marks the tracks the rules exclude with -1. */
    static void exclude(Query query, float[] marks, Exclusions rules) {
        if (rules == Exclusions.NONE) {
            return;
        }
        UserHistory user = query.user();
        for (UserHistory.Step step : user.session()) {
            if (step.track() >= 0 && user.skippedInSession(step.trackId())) {
                marks[step.track()] = -1;
            }
        }
        UserHistory.Step last = user.last();
        if (rules == Exclusions.SKIPPED_AND_JUST_PLAYED && last != null && last.track() >= 0) {
            marks[last.track()] = -1;
        }
    }

    /** Marks the top {@code candidatesPerSource} of {@code values} as candidates; returns the maximum. */
    private float propose(float[] values, int n, boolean[] candidate, float[] spare) {
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, values[i]);
        }
        if (max <= 0) {
            return 0;
        }
        float threshold = TopK.kthLargestPositive(values, n, candidatesPerSource, scratchOne(n));
        for (int i = 0; i < n; i++) {
            if (values[i] > 0 && values[i] >= threshold) {
                candidate[i] = true;
            }
        }
        return max;
    }

    private float[] excluded = new float[0];

    private float[] markExcluded(int n) {
        if (excluded.length < n) {
            excluded = new float[n * 2];
        }
        java.util.Arrays.fill(excluded, 0, n, 0f);
        return excluded;
    }

    private boolean[] flags = new boolean[0];

    private boolean[] candidateFlags(int n) {
        if (flags.length < n) {
            flags = new boolean[n * 2];
        }
        java.util.Arrays.fill(flags, 0, n, false);
        return flags;
    }

    private float[][] buffers = new float[0][0];
    private float[] one = new float[0];

    private float[][] scratch(int count, int n) {
        if (buffers.length < count || buffers[0].length < n) {
            buffers = new float[count][n * 2];
        }
        return buffers;
    }

    private float[] scratchOne(int n) {
        if (one.length < n) {
            one = new float[n * 2];
        }
        return one;
    }
}
