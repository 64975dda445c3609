package dev.encore.model.live;

import java.io.Serializable;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Thompson sampling over the sources that can fill the exploration slot: each source's acceptance rate has a Beta
 * posterior, one value is drawn from each and the highest wins, so a source is picked as often as it is likely
 * to be the best, and a source with little evidence still gets tried.
 *
 * <p>The posterior is hierarchical: the evidence of every listener the task serves ({@code population}) acts
 * as a prior worth at most {@code priorStrength} lists, and the listener's own outcomes are added in full, so a
 * listener who always takes the artist's other tracks gets them more often than the population would. The
 * population's outcomes fade with a memory of {@code memory} lists (each outcome multiplies the older ones by
 * {@code 1 - 1/memory}), so its rates follow a change of taste or of model instead of averaging all time. Draws
 * come from {@code seed} (the list's id): the same list gets the same choice when a replay after a restart makes it
 * again.
 */
public final class SourceBandit implements Serializable {
    private final double priorStrength;
    private final double fade;

    public SourceBandit(double priorStrength, int memory) {
        if (!(priorStrength > 0) || memory < 1) {
            throw new IllegalArgumentException("prior strength and memory must be above 0, were " + priorStrength + " and " + memory);
        }
        this.priorStrength = priorStrength;
        this.fade = 1 - 1.0 / memory;
    }

    /** One list's outcome: the pick from {@code source} was played next or not. */
    public void learn(SourceOutcomes population, SourceOutcomes user, Source source, boolean accepted) {
        population.fade(fade);
        population.record(source, accepted);
        user.record(source, accepted);
    }

    /** The source to explore with among the {@code available} ones (by ordinal), or null when none is. */
    public Source choose(boolean[] available, SourceOutcomes population, SourceOutcomes user, long seed) {
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        Source best = null;
        double bestDraw = -1;
        for (Source source : Source.values()) {
            if (!available[source.ordinal()]) {
                continue;
            }
            double[] ab = posterior(source, population, user);
            double draw = new BetaDistribution(random, ab[0], ab[1]).sample();
            if (draw > bestDraw) {
                bestDraw = draw;
                best = source;
            }
        }
        return best;
    }

    /** The posterior mean acceptance of {@code source} for this listener. */
    public double mean(Source source, SourceOutcomes population, SourceOutcomes user) {
        double[] ab = posterior(source, population, user);
        return ab[0] / (ab[0] + ab[1]);
    }

    /** Beta(1, 1), plus the population's evidence scaled to at most {@code priorStrength} lists, plus the user's. */
    private double[] posterior(Source source, SourceOutcomes population, SourceOutcomes user) {
        double shown = population.shown(source);
        double scale = shown > priorStrength ? priorStrength / shown : 1;
        double accepted = population.accepted(source) * scale + user.accepted(source);
        double rejected = (shown - population.accepted(source)) * scale + user.shown(source) - user.accepted(source);
        return new double[] {1 + accepted, 1 + rejected};
    }
}
