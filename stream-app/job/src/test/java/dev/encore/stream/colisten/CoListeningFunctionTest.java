package dev.encore.stream.colisten;

import static dev.encore.stream.testing.Triggers.trigger;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encore.stream.sequence.CoListeningInput;
import dev.encore.stream.sequence.PairUpdate;
import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CoListeningFunctionTest {

    @Test
    void attachesTheHeaviestNeighboursLearnedFromPairs() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CoListeningFunction(3, 2, Duration.ofDays(30)), CoListeningInput::key, Types.STRING)) {
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("a", "x", "X", 1f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("a", "y", "Y", 0.5f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("a", "z", "Z", 0.3f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("a", "y", "Y", 1f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("b", "w", "W", 5f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(trigger("u", 1, "a"))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(trigger("u", 2, "new"))));
            Trigger forA = h.extractOutputValues().get(0);
            assertArrayEquals(new String[] {"y", "x"}, forA.neighbourTracks());
            assertArrayEquals(new String[] {"Y", "X"}, forA.neighbourArtists());
            assertArrayEquals(new float[] {1.5f, 1f}, forA.neighbourWeights());
            assertEquals(0, h.extractOutputValues().get(1).neighbourTracks().length, "an unseen track has no neighbours yet");
        }
    }

    @Test
    void aTriggerLearnsItsOwnTracksPairsBeforeItIsAnswered() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CoListeningFunction(3, 2, Duration.ofDays(30)), CoListeningInput::key, Types.STRING)) {
            h.processElement(new StreamRecord<>(CoListeningInput.of(new PairUpdate("a", "x", "X", 1f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(trigger("u", 1, "a"),
                    new PairUpdate("a", "y", "Y", 2f), new PairUpdate("a", "x", "X", 0.5f))));
            h.processElement(new StreamRecord<>(CoListeningInput.of(trigger("v", 1, "a"))));
            Trigger first = h.extractOutputValues().get(0);
            assertArrayEquals(new String[] {"y", "x"}, first.neighbourTracks());
            assertArrayEquals(new float[] {2f, 1.5f}, first.neighbourWeights());
            // Learned for good, not only for the trigger that carried them.
            assertArrayEquals(first.neighbourTracks(), h.extractOutputValues().get(1).neighbourTracks());
            assertArrayEquals(first.neighbourWeights(), h.extractOutputValues().get(1).neighbourWeights());
        }
    }

    @Test
    void aTriggerCarriesOnlyPairsOfItsOwnTrack() {
        assertThrows(IllegalArgumentException.class,
                () -> CoListeningInput.of(trigger("u", 1, "a"), new PairUpdate("b", "a", "artist-of-a", 1f)));
    }
}
