package dev.encore.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalSplitTest {
    @Test
    void validationIsTheEndOfTrainingAndTestComesAfterBoth() {
        List<Interaction> fitted = events(0, 100);
        List<Interaction> test = events(200, 10);

        TemporalSplit split = TemporalSplit.of(fitted, test, 0.1);

        assertEquals(90, split.train().size());
        assertEquals(10, split.validation().size());
        Instant lastTrain = split.train().get(89).time();
        assertTrue(split.validation().stream().allMatch(e -> e.time().isAfter(lastTrain)));
        Instant firstTest = split.test().get(0).time();
        assertTrue(split.train().stream().allMatch(e -> e.time().isBefore(firstTest)));
        assertTrue(split.validation().stream().allMatch(e -> e.time().isBefore(firstTest)));
    }

    @Test
    void aTestEventInsideTheTrainingPeriodIsRefused() {
        List<Interaction> fitted = events(0, 100);
        List<Interaction> overlapping = events(50, 10);
        var error = assertThrows(IllegalArgumentException.class, () -> TemporalSplit.of(fitted, overlapping, 0.1));
        assertTrue(error.getMessage().contains("must start after"), error.getMessage());
    }

    @Test
    void eventsAtTheSameInstantStayOnOneSide() {
        List<Interaction> fitted = new ArrayList<>(events(0, 9));
        fitted.add(new Interaction("u", "s", "t9", "a", EventType.PLAY, Instant.ofEpochSecond(8)));
        TemporalSplit split = TemporalSplit.of(fitted, List.of(), 0.2);
        Instant lastTrain = split.train().get(split.train().size() - 1).time();
        assertTrue(split.validation().stream().allMatch(e -> e.time().isAfter(lastTrain)));
    }

    static List<Interaction> events(int startSecond, int count) {
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new Interaction("u" + (i % 3), "s" + (i % 3), "t" + i, "a", EventType.PLAY,
                    Instant.ofEpochSecond(startSecond + i)));
        }
        return events;
    }
}
