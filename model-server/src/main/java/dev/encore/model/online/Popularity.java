package dev.encore.model.online;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How often each track was played: all-time counts, and "trending now" counts that decay exponentially with
 * a half-life, so that a burst of plays today outweighs last month's.
 */
public final class Popularity {
    private final double halfLifeMillis;
    private float[] counts = new float[1024];
    private double[] trending = new double[1024];
    private long[] trendingAt = new long[1024];
    private float total;

    public Popularity(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    public void add(int track, float weight, Instant time) {
        ensure(track);
        counts[track] += weight;
        total += weight;
        trending[track] = trendingAt(track, time.toEpochMilli()) + weight;
        trendingAt[track] = time.toEpochMilli();
    }

    public float count(int track) {
        return track < counts.length ? counts[track] : 0;
    }

    public float total() {
        return total;
    }

    /** The decayed count of {@code track} as of {@code time}. */
    public double trending(int track, Instant time) {
        return track < trending.length ? trendingAt(track, time.toEpochMilli()) : 0;
    }

    private double trendingAt(int track, long millis) {
        long age = millis - trendingAt[track];
        return trending[track] == 0 ? 0 : trending[track] * Math.pow(0.5, Math.max(0, age) / halfLifeMillis);
    }

    private void ensure(int track) {
        if (track >= counts.length) {
            int size = Math.max(track + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            trending = Arrays.copyOf(trending, size);
            trendingAt = Arrays.copyOf(trendingAt, size);
        }
    }
}
