package dev.encore.view.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code perSecond} events on average, bursts up to {@code burst}. One
 * misbehaving player cannot flood the events topic; everyone else keeps their share. Thread-safe.
 */
final class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    /** Least recently seen clients go first, so the map stays bounded under many addresses. */
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RateLimiter(double perSecond, double burst, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("collector rate must be positive and its burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one token of {@code client}'s bucket; false when it is empty. */
    synchronized boolean tryAcquire(String client) {
        long now = nanos.getAsLong();
        // {tokens, nanos at last refill}
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {burst, now});
        bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
        bucket[1] = now;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }
}
