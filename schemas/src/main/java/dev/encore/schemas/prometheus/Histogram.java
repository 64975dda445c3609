package dev.encore.schemas.prometheus;

import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A cumulative histogram with fixed buckets, written in the Prometheus text format. Thread-safe. */
public final class Histogram {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public Histogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i].increment();
            }
        }
        count.increment();
        sum.add(value);
    }

    public void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            out.append(name).append("_bucket{le=\"").append(format(bounds[i])).append("\"} ").append(counts[i].sum()).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
        out.append(name).append("_sum ").append(format(sum.sum())).append('\n');
        out.append(name).append("_count ").append(count.sum()).append('\n');
    }

    public long count() {
        return count.sum();
    }

    /** The buckets' upper bounds, without +Inf. */
    public double[] bounds() {
        return bounds.clone();
    }

    /** Observations at or under each bound (cumulative, as Prometheus buckets are), then the total as +Inf's. */
    public long[] cumulativeCounts() {
        long[] counts = new long[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = this.counts[i].sum();
        }
        counts[bounds.length] = count.sum();
        return counts;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
