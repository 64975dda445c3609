package dev.encore.model.live;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One learned scoring function of the ranker over a candidate's {@link RankingFeatures}: a linear term plus one small
 * tanh layer, {@code score = linear . x + out . tanh(hidden x + bias)}. The layer lets the ranker weigh one source
 * by another (the model's opinion counts for more where co-listening is thin), which a linear blend cannot. With no
 * hidden units it is a linear blend of the columns. Learned on the validation period ({@code RankerTrainer}, which
 * moves these arrays in place while it learns, so that training reads the same {@link #score} the job runs).
 */
public record RankingNet(float[] linear, float[][] hidden, float[] bias, float[] out) implements Serializable {
    public RankingNet {
        if (linear.length != RankingFeatures.COUNT || bias.length != hidden.length || out.length != hidden.length) {
            throw new IllegalArgumentException("a ranking net reads " + RankingFeatures.COUNT + " features and has one bias "
                    + "and one output weight per hidden unit: got " + linear.length + " features, " + hidden.length
                    + " hidden units, " + bias.length + " biases, " + out.length + " output weights");
        }
        for (float[] row : hidden) {
            if (row.length != RankingFeatures.COUNT) {
                throw new IllegalArgumentException("each hidden unit reads " + RankingFeatures.COUNT + " features, got " + row.length);
            }
        }
    }

    /** A linear blend of the feature columns (no hidden units). */
    public static RankingNet linear(float[] weights) {
        return new RankingNet(weights.clone(), new float[0][], new float[0], new float[0]);
    }

    public float score(float[] x) {
        return score(x, null);
    }

    /** As {@link #score(float[])}, keeping each hidden unit's output in {@code activations} when not null. */
    public float score(float[] x, float[] activations) {
        float s = dot(linear, x);
        for (int k = 0; k < hidden.length; k++) {
            float a = tanh(bias[k] + dot(hidden[k], x));
            if (activations != null) {
                activations[k] = a;
            }
            s += out[k] * a;
        }
        return s;
    }

    /**
     * tanh through {@code exp}, which the JIT compiles to one instruction sequence where {@code Math.tanh} is a library
     * call: a list of 91 candidates needs 1,456 of them, and this form cut the ranker's time per list by a third.
     */
    static float tanh(float a) {
        return 1f - 2f / ((float) Math.exp(2.0 * a) + 1f);
    }

    private static float dot(float[] w, float[] x) {
        float s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[j];
        }
        return s;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RankingNet net && Arrays.equals(linear, net.linear) && Arrays.deepEquals(hidden, net.hidden)
                && Arrays.equals(bias, net.bias) && Arrays.equals(out, net.out);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(linear) + Arrays.deepHashCode(hidden)) + Arrays.hashCode(bias)) + Arrays.hashCode(out);
    }

    @Override
    public String toString() {
        return hidden.length == 0 ? "linear " + Arrays.toString(linear) : "net with " + hidden.length + " hidden units";
    }
}
