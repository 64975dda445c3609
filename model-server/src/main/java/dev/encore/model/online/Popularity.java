package dev.encore.model.online;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How often each track was played: all-time counts, and "trending now" counts that decay exponentially with
 * a half-life, so that a burst of plays today outweighs last month's.
 *
 * <p>Decay is kept without touching every track on every event: each play adds {@code 2^((t - t0)/h)}, so
 * all tracks share the factor {@code 2^(-(now - t0)/h)} and the stored values already rank by trend.
 * {@code t0} moves forward when the exponent grows large, rescaling every value once.
 */
public final class Popularity {
    private static final double REBASE_EXPONENT = 100; // keeps 2^exponent times any count well inside float range

    private final double halfLifeMillis;
    private float[] counts = new float[1024];
    private double[] boosted = new double[1024];
    private long baseMillis = Long.MIN_VALUE;
    private float total;

    public Popularity(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    public void add(int track, float weight, Instant time) {
        ensure(track);
        counts[track] += weight;
        total += weight;
        long millis = time.toEpochMilli();
        if (baseMillis == Long.MIN_VALUE) {
            baseMillis = millis;
        }
        double exponent = (millis - baseMillis) / halfLifeMillis;
        if (exponent > REBASE_EXPONENT) {
            double scale = Math.pow(2, -exponent);
            for (int i = 0; i < boosted.length; i++) {
                boosted[i] *= scale;
            }
            baseMillis = millis;
            exponent = 0;
        }
        boosted[track] += weight * Math.pow(2, exponent);
    }

    public float count(int track) {
        return track < counts.length ? counts[track] : 0;
    }

    public float total() {
        return total;
    }

    /**
     * Values proportional to every track's decayed count at any one moment (same factor for all tracks), for
     * ranking by trend without a power per track.
     */
    public double trendingRank(int track) {
        return track < boosted.length ? boosted[track] : 0;
    }

    private void ensure(int track) {
        if (track >= counts.length) {
            int size = Math.max(track + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            boosted = Arrays.copyOf(boosted, size);
        }
    }
}
