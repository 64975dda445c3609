package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backward pass must read only tensors that live until it runs. DJL's {@code mul(Number)} and {@code div(Number)}
 * wrap the number in a tensor over a Java direct buffer and free it right after the forward op, while autograd keeps
 * it for the backward pass; once the garbage collector frees that buffer, the gradient is computed from freed memory
 * (allocator bookkeeping), and training drifted or diverged to NaN depending on when the collector ran (decision 0027).
 * A full collection between forward and backward frees any such buffer; the gradients must not change.
 */
class GradientLifetimeTest {
    private static final SasRecConfig CONFIG = new SasRecConfig(6, 16, 2, 2, 0f, 2, 1e-3f, 1, 1, 4, 7, 0f, 0);

    @Test
    void aCollectionBetweenForwardAndBackwardLeavesEveryGradientAsItWas() throws InterruptedException {
        Map<String, float[]> undisturbed = gradients(false);
        Map<String, float[]> collected = gradients(true);
        assertTrue(undisturbed.size() > 10, "every parameter of the block has a gradient");
        for (Map.Entry<String, float[]> e : undisturbed.entrySet()) {
            assertArrayEquals(e.getValue(), collected.get(e.getKey()), 0f, e.getKey());
        }
    }

    private static Map<String, float[]> gradients(boolean collectBeforeBackward) throws InterruptedException {
        Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("gradient-lifetime")) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20, 6);
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                Shape shape = new Shape(2, CONFIG.maxLength());
                trainer.initialize(shape, shape, shape);
                try (NDManager step = trainer.getManager().newSubManager();
                     GradientCollector collector = trainer.newGradientCollector()) {
                    NDList inputs = new NDList(step.create(new long[] {0, 0, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11}, shape),
                            step.create(new long[] {0, 0, 2, 3, 4, 5, 0, 2, 3, 4, 5, 2}, shape),
                            step.create(new long[] {0, 0, 1, 1, 2, 1, 0, 1, 3, 1, 1, 1}, shape));
                    NDArray hidden = trainer.forward(inputs).get(0);
                    NDArray weights = step.arange(hidden.size()).toType(hidden.getDataType(), false).reshape(hidden.getShape());
                    NDArray loss = hidden.mul(weights).sum();
                    if (collectBeforeBackward) {
                        for (int i = 0; i < 3; i++) {
                            System.gc();
                            Thread.sleep(50);
                        }
                    }
                    collector.backward(loss);
                    Map<String, float[]> gradients = new LinkedHashMap<>();
                    for (Pair<String, Parameter> p : block.getParameters()) {
                        gradients.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
                    }
                    return gradients;
                }
            }
        }
    }
}
