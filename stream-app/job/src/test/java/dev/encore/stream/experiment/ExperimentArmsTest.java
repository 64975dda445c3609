package dev.encore.stream.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentArmsTest {
    @Test
    void usersSplitByTheSharesAndEachStaysInItsArm() {
        ExperimentArms arms = ExperimentArms.parse("model:75, no-model:25");
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < 20_000; u++) {
            counts.merge(arms.armOf("user-" + u), 1, Integer::sum);
        }
        assertEquals(20_000, counts.get("model") + counts.get("no-model"));
        double modelShare = counts.get("model") / 20_000.0;
        assertTrue(Math.abs(modelShare - 0.75) < 0.015, "75% of users in the model arm, was " + modelShare);
        ExperimentArms again = ExperimentArms.parse("model:75,no-model:25");
        for (int u = 0; u < 1_000; u++) {
            assertEquals(arms.armOf("user-" + u), again.armOf("user-" + u), "an arm is a function of the user id alone");
        }
    }

    @Test
    void noExperimentMeansNoArmAndTheModelScoresEveryone() {
        assertEquals("", ExperimentArms.parse("").armOf("u1"));
        assertEquals(ExperimentArms.NONE, ExperimentArms.parse("  "));
        assertTrue(ExperimentArms.modelScores(""));
        assertTrue(ExperimentArms.modelScores(ExperimentArms.MODEL));
        assertEquals(false, ExperimentArms.modelScores(ExperimentArms.NO_MODEL));
    }

    @Test
    void theExploreArmExploresWithTheModelAndWithoutAnExperimentEveryoneDoes() {
        ExperimentArms arms = ExperimentArms.parse("model:50,explore:50");
        assertTrue(arms.hasExploreArm());
        assertEquals(false, ExperimentArms.parse("model:50,no-model:50").hasExploreArm());
        assertTrue(ExperimentArms.explores(ExperimentArms.EXPLORE));
        assertTrue(ExperimentArms.explores(""), "no experiment: the slot, when configured, is everyone's");
        assertEquals(false, ExperimentArms.explores(ExperimentArms.MODEL));
        assertTrue(ExperimentArms.modelScores(ExperimentArms.EXPLORE));
    }

    @Test
    void aBadSpecIsRefusedWithTheFix() {
        for (String bad : List.of("model:50,bandit:50", "model:50", "model:50,no-model:0", "model:50,model:50", "model=50,no-model=50")) {
            var error = assertThrows(IllegalArgumentException.class, () -> ExperimentArms.parse(bad), bad);
            assertTrue(error.getMessage().contains("model:50,no-model:50"), error.getMessage());
        }
    }
}
