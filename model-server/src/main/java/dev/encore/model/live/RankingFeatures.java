package dev.encore.model.live;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the ranker knows of each candidate, as the numbers its {@link RankingNet} reads. For each source but the
 * model: the evidence scaled to a maximum of 1 over the candidates, and its raw size, {@code log(1 + evidence)} (a
 * track played after this one 40 times is surer than one played once, though both may top their list). For the
 * model: its probability relative to the best candidate's ({@code exp(logit - max logit)}), the same on a log
 * scale clipped at -10 and divided by 10, whether it knows the track, and {@code 1 / (1 + its rank)} among the
 * candidates. Then how many sources proposed the track, and the share of the listener's remembered events that were by
 * its artist (how much they play that artist, which no source scores: same-artist reads only the artist just played).
 * Without the model (logits null) its four columns are 0, so a ranker learned without it reads the same columns; a
 * track the model does not know gets 0 in them too, but the floor (-1) on the log scale.
 */
public final class RankingFeatures {
    /** The sources read as scaled and raw evidence, in column order (the model's columns follow). */
    private static final Source[] SOURCES = {Source.CO_LISTENING, Source.REPEAT, Source.TRENDING, Source.SAME_ARTIST};
    static final int MODEL_RATIO = 2 * SOURCES.length;
    private static final int PROPOSERS = MODEL_RATIO + 4;
    private static final int ARTIST_SHARE = PROPOSERS + 1;
    public static final int COUNT = ARTIST_SHARE + 1;
    private static final float LOG_FLOOR = -10f;

    /** By source ordinal: the ranker reads it for every item it places, so it is worked out once. */
    private static final int[] SCALED_COLUMNS = new int[Source.COUNT];

    static {
        for (Source source : Source.values()) {
            SCALED_COLUMNS[source.ordinal()] = source == Source.MODEL ? MODEL_RATIO : 2 * Arrays.asList(SOURCES).indexOf(source);
        }
    }

    private RankingFeatures() {
    }

    /** The column of a source's evidence scaled to a maximum of 1 (for the model: its relative probability). */
    public static int scaledColumn(Source source) {
        return SCALED_COLUMNS[source.ordinal()];
    }

    /**
     * One row of {@link #COUNT} numbers per candidate, in the candidates' order.
     *
     * @param historyArtists the artist of each of the listener's remembered events (empty for a new listener)
     */
    public static float[][] of(Candidate[] candidates, float[] logits, String[] historyArtists) {
        Map<String, Integer> plays = new HashMap<>();
        for (String artist : historyArtists) {
            if (!artist.isEmpty()) {
                plays.merge(artist, 1, Integer::sum);
            }
        }
        float perEvent = 1f / Math.max(1, historyArtists.length);
        int n = candidates.length;
        float[] maxima = new float[Source.COUNT];
        for (Candidate c : candidates) {
            for (int s = 0; s < Source.COUNT; s++) {
                maxima[s] = Math.max(maxima[s], c.evidence()[s]);
            }
        }
        float[][] x = new float[n][COUNT];
        for (int i = 0; i < n; i++) {
            int proposers = 0;
            for (int j = 0; j < SOURCES.length; j++) {
                float evidence = candidates[i].evidence(SOURCES[j]);
                float max = maxima[SOURCES[j].ordinal()];
                x[i][2 * j] = max > 0 ? evidence / max : 0;
                x[i][2 * j + 1] = (float) Math.log1p(evidence);
                proposers += evidence > 0 ? 1 : 0;
            }
            x[i][PROPOSERS] = proposers + (candidates[i].evidence(Source.MODEL) > 0 ? 1 : 0);
            x[i][ARTIST_SHARE] = plays.getOrDefault(candidates[i].artistId(), 0) * perEvent;
        }
        if (logits != null) {
            modelColumns(logits, x);
        }
        return x;
    }

    private static void modelColumns(float[] logits, float[][] x) {
        int n = logits.length;
        float maxLogit = Float.NEGATIVE_INFINITY;
        int known = 0;
        for (float v : logits) {
            if (!Float.isNaN(v)) {
                maxLogit = Math.max(maxLogit, v);
                known++;
            }
        }
        // Ranks by a primitive sort of (logit, index) pairs, highest first: boxing indexes into a comparator sort
        // cost more than the rest of the features together. Ties keep the candidates' order.
        long[] byLogit = new long[known];
        for (int i = 0, j = 0; i < n; i++) {
            if (!Float.isNaN(logits[i])) {
                byLogit[j++] = HeaviestFirst.key(logits[i], i);
            }
        }
        Arrays.sort(byLogit);
        for (int rank = 0; rank < known; rank++) {
            int i = (int) byLogit[rank];
            float relative = logits[i] - maxLogit;
            x[i][MODEL_RATIO] = (float) Math.exp(relative);
            x[i][MODEL_RATIO + 1] = Math.max(relative, LOG_FLOOR) / -LOG_FLOOR;
            x[i][MODEL_RATIO + 2] = 1;
            x[i][MODEL_RATIO + 3] = 1f / (1 + rank);
        }
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(logits[i])) {
                x[i][MODEL_RATIO + 1] = -1; // unknown: as far below the best as the scale reaches
            }
        }
    }
}
