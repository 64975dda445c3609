package dev.encore.model.live;

import java.util.Arrays;

/**
 * Tracks with weights, bounded: the neighbours of one track (co-listening) or the plays of one artist's tracks.
 * Past one and a half times the cap it is pruned to the cap, keeping the heaviest, so a hit's list stays small
 * while its strongest entries keep accumulating. Immutable, so a list read for one trigger never changes.
 */
public record WeightedTracks(String[] tracks, String[] artists, float[] weights) {
    public static final WeightedTracks EMPTY = new WeightedTracks(new String[0], new String[0], new float[0]);

    public int size() {
        return tracks.length;
    }

    /** This list with {@code weight} added to {@code track}, pruned to {@code cap} when it grew past 1.5 x cap. */
    public WeightedTracks plus(String track, String artist, float weight, int cap) {
        for (int i = 0; i < tracks.length; i++) {
            if (tracks[i].equals(track)) {
                float[] w = weights.clone();
                w[i] += weight;
                return new WeightedTracks(tracks, artists, w);
            }
        }
        String[] t = Arrays.copyOf(tracks, tracks.length + 1);
        String[] a = Arrays.copyOf(artists, artists.length + 1);
        float[] w = Arrays.copyOf(weights, weights.length + 1);
        t[tracks.length] = track;
        a[tracks.length] = artist;
        w[tracks.length] = weight;
        WeightedTracks grown = new WeightedTracks(t, a, w);
        return grown.size() > cap + cap / 2 ? grown.top(cap) : grown;
    }

    /** The {@code n} heaviest, heaviest first (ties by track id). */
    public WeightedTracks top(int n) {
        int[] order = HeaviestFirst.order(weights, tracks, n);
        String[] t = new String[order.length];
        String[] a = new String[order.length];
        float[] w = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            t[i] = tracks[order[i]];
            a[i] = artists[order[i]];
            w[i] = weights[order[i]];
        }
        return new WeightedTracks(t, a, w);
    }
}
