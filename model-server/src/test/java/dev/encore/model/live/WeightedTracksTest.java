package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class WeightedTracksTest {
    @Test
    void prunesToTheCapKeepingTheHeaviest() {
        WeightedTracks list = WeightedTracks.EMPTY;
        for (int i = 0; i < 7; i++) {
            list = list.plus("t" + i, "", i + 1, 4);
        }
        // Pruned to 4 when the 7th entry made it longer than 6; the heaviest survive.
        assertArrayEquals(new String[] {"t6", "t5", "t4", "t3"}, list.tracks());
    }

    @Test
    void addsToAnEntryAlreadyThereAndReadsTheTopHeaviestFirst() {
        WeightedTracks list = WeightedTracks.EMPTY.plus("a", "A", 1, 10).plus("b", "B", 2, 10).plus("a", "A", 3, 10);
        assertArrayEquals(new String[] {"a", "b"}, list.top(5).tracks());
        assertArrayEquals(new float[] {4, 2}, list.top(5).weights());
        assertArrayEquals(new String[] {"a"}, list.top(1).tracks());
    }
}
