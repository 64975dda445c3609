package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.methods.RankingWeights;
import org.junit.jupiter.api.Test;

class RankingNetTest {
    private static final int F = RankingFeatures.COUNT;

    static RankingNet oneHiddenUnit() {
        float[] linear = new float[F];
        linear[0] = 2f;
        float[][] hidden = {new float[F]};
        hidden[0][1] = 0.5f;
        return new RankingNet(linear, hidden, new float[] {0.25f}, new float[] {-3f});
    }

    @Test
    void scoresTheLinearTermPlusTheHiddenLayer() {
        float[] x = new float[F];
        x[0] = 1.5f;
        x[1] = 2f;
        float[] activations = new float[1];
        float expected = 2f * 1.5f + -3f * (float) Math.tanh(0.25f + 0.5f * 2f);
        assertEquals(expected, oneHiddenUnit().score(x, activations), 1e-6);
        assertEquals((float) Math.tanh(1.25f), activations[0], 1e-6);
    }

    @Test
    void refusesShapesThatDoNotFitTheFeatures() {
        assertThrows(IllegalArgumentException.class, () -> RankingNet.linear(new float[F - 1]));
        assertThrows(IllegalArgumentException.class, () -> new RankingNet(new float[F], new float[][] {new float[F]}, new float[0], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new RankingNet(new float[F], new float[][] {new float[2]}, new float[1], new float[1]));
    }

    @Test
    void equalByContentAndStoredAsJson() throws Exception {
        assertEquals(oneHiddenUnit(), oneHiddenUnit());
        assertEquals(oneHiddenUnit().hashCode(), oneHiddenUnit().hashCode());
        assertNotEquals(oneHiddenUnit(), RankingNet.linear(oneHiddenUnit().linear()));
        RankingWeights weights = new RankingWeights(oneHiddenUnit(), RankingWeights.DEFAULT.withoutModel());
        ObjectMapper json = new ObjectMapper();
        assertEquals(weights, json.readValue(json.writeValueAsString(weights), RankingWeights.class));
    }
}
