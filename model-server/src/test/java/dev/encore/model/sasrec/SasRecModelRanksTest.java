package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The torch-side rank that training validates with agrees with counting over every logit in Java. */
class SasRecModelRanksTest {

    @Test
    void theRankOfATargetIsOnePlusTheTracksScoredAboveIt() {
        SasRecModel model = TinyModels.trained().model();
        List<Interaction> events = SampleData.events().subList(0, 400);
        List<List<SequenceInput.Event>> histories = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i = 5; i < events.size() && histories.size() < 40; i += 7) {
            int target = model.vocabulary().id(events.get(i).trackId());
            if (target > ItemVocabulary.OUT_OF_VOCABULARY) {
                histories.add(events.subList(i - 5, i).stream()
                        .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList());
                targets.add(target);
            }
        }
        int[] ranks = model.ranks(histories, targets.stream().mapToInt(Integer::intValue).toArray());
        float[][] logits = model.logits(histories).tracks();
        boolean anyBelowTop = false;
        for (int r = 0; r < histories.size(); r++) {
            float score = logits[r][targets.get(r)];
            int expected = 1;
            for (int j = SasRecModel.FIRST_TRACK; j < logits[r].length; j++) {
                if (logits[r][j] > score) {
                    expected++;
                }
            }
            assertEquals(expected, ranks[r], "history " + r);
            anyBelowTop |= expected > 1;
        }
        assertTrue(histories.size() >= 20 && anyBelowTop, "the check needs targets the model does not rank first");
    }

    @Test
    void aTargetOutsideTheTracksIsRefused() {
        SasRecModel model = TinyModels.trained().model();
        List<List<SequenceInput.Event>> history = List.of(List.of(new SequenceInput.Event("x", "y", dev.encore.schema.EventType.PLAY)));
        assertThrows(IllegalArgumentException.class, () -> model.ranks(history, new int[] {ItemVocabulary.OUT_OF_VOCABULARY}));
    }
}
