package dev.encore.stack;

/**
 * Confidence intervals for acceptance rates: Wilson's score interval for one proportion, and Newcombe's hybrid score
 * interval (his method 10) for the difference of two independent proportions. Both stay inside [0, 1] (and
 * [-1, 1]) and keep their coverage for small counts and rates near 0, where the textbook normal interval does not.
 *
 * @param low  lower bound
 * @param high upper bound
 */
record ProportionInterval(double low, double high) {
    /** The normal quantile of a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /** Wilson's interval for {@code successes} out of {@code trials}; [0, 1] without trials. */
    static ProportionInterval wilson(long successes, long trials, double z) {
        if (trials == 0) {
            return new ProportionInterval(0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ProportionInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Newcombe's interval for p1 - p2, from each proportion's Wilson interval. */
    static ProportionInterval difference(long successes1, long trials1, long successes2, long trials2, double z) {
        double p1 = trials1 == 0 ? 0 : (double) successes1 / trials1;
        double p2 = trials2 == 0 ? 0 : (double) successes2 / trials2;
        ProportionInterval w1 = wilson(successes1, trials1, z);
        ProportionInterval w2 = wilson(successes2, trials2, z);
        double d = p1 - p2;
        return new ProportionInterval(d - Math.sqrt(square(p1 - w1.low) + square(w2.high - p2)),
                d + Math.sqrt(square(w1.high - p1) + square(p2 - w2.low)));
    }

    /** Whether the interval leaves out {@code value} (for a difference: 0, no difference). */
    boolean excludes(double value) {
        return value < low || value > high;
    }

    private static double square(double x) {
        return x * x;
    }
}
