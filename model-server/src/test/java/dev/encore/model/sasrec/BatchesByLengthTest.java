package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchesByLengthTest {

    private static List<List<SequenceInput.Event>> windows() {
        Random random = new Random(3);
        List<List<SequenceInput.Event>> windows = new ArrayList<>();
        for (int w = 0; w < 100; w++) {
            List<SequenceInput.Event> window = new ArrayList<>();
            int length = 2 + random.nextInt(50);
            for (int i = 0; i < length; i++) {
                window.add(new SequenceInput.Event("t" + w + "-" + i, "a" + i, EventType.PLAY));
            }
            windows.add(window);
        }
        return windows;
    }

    @Test
    void everyWindowIsInExactlyOneBatch() {
        List<List<SequenceInput.Event>> windows = windows();
        Map<List<SequenceInput.Event>, Integer> seen = new IdentityHashMap<>();
        for (List<List<SequenceInput.Event>> batch : SasRecTrainer.batchesByLength(windows, 16, new Random(1))) {
            batch.forEach(w -> seen.merge(w, 1, Integer::sum));
        }
        assertEquals(windows.size(), seen.size());
        windows.forEach(w -> assertEquals(1, seen.get(w), "a window must be trained once per epoch"));
    }

    @Test
    void aBatchHoldsAboutAsManyPositionsAsTheBatchSizeOfAverageWindows() {
        List<List<SequenceInput.Event>> windows = windows();
        int positions = windows.stream().mapToInt(w -> w.size() - 1).sum();
        int budget = positions * 16 / windows.size();
        List<List<List<SequenceInput.Event>>> batches = SasRecTrainer.batchesByLength(windows, 16, new Random(1));
        int underBudget = 0;
        for (List<List<SequenceInput.Event>> batch : batches) {
            int held = batch.stream().mapToInt(w -> w.size() - 1).sum();
            int longest = batch.stream().mapToInt(List::size).max().orElseThrow();
            assertTrue(held < budget + longest, held + " positions in a batch, budget " + budget);
            underBudget += held < budget ? 1 : 0;
        }
        assertTrue(underBudget <= 1, "only the last batch may hold less than the budget: " + underBudget);
        int shortest = batches.stream().mapToInt(List::size).min().orElseThrow();
        int most = batches.stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(most > 16 && most > 3 * shortest, "short windows come many to a batch: " + shortest + " to " + most);
    }

    @Test
    void batchesHoldWindowsOfNeighbouringLengthsSoLittleIsPadded() {
        List<List<List<SequenceInput.Event>>> batches = SasRecTrainer.batchesByLength(windows(), 16, new Random(1));
        for (List<List<SequenceInput.Event>> a : batches) {
            for (List<List<SequenceInput.Event>> b : batches) {
                if (a != b) {
                    int aMin = a.stream().mapToInt(List::size).min().orElseThrow();
                    int aMax = a.stream().mapToInt(List::size).max().orElseThrow();
                    int bMin = b.stream().mapToInt(List::size).min().orElseThrow();
                    int bMax = b.stream().mapToInt(List::size).max().orElseThrow();
                    assertTrue(aMax <= bMin || bMax <= aMin, "length ranges overlap: " + aMin + "-" + aMax + " and " + bMin + "-" + bMax);
                }
            }
        }
    }

    @Test
    void theOrderChangesWithTheRandomSource() {
        List<List<SequenceInput.Event>> windows = windows();
        List<Integer> first = firstWindowSizes(SasRecTrainer.batchesByLength(windows, 16, new Random(1)));
        List<Integer> second = firstWindowSizes(SasRecTrainer.batchesByLength(windows, 16, new Random(2)));
        assertNotEquals(first, second);
        List<Integer> sorted = new ArrayList<>(first);
        Collections.sort(sorted);
        assertNotEquals(sorted, first, "batches come in random order, not shortest first");
    }

    private static List<Integer> firstWindowSizes(List<List<List<SequenceInput.Event>>> batches) {
        return batches.stream().map(b -> b.get(0).size()).toList();
    }
}
