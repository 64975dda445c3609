package dev.encore.model.ncf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.testing.SampleData;
import dev.encore.schema.EventType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The collaborative-filtering comparator learns which tracks go with which listener, on real listening. */
class NcfModelTest {

    @Test
    void aListenersOwnTracksScoreAboveTheRestAfterTraining() {
        List<Interaction> events = SampleData.events().subList(0, 6000);
        try (NcfModel ncf = NcfModel.train(events, new NcfModel.Config(16, 32, 3, 512, 5e-3f, 4, 7), null)) {
            Map<String, Set<String>> played = events.stream().filter(e -> e.type() == EventType.PLAY)
                    .collect(Collectors.groupingBy(Interaction::userId, Collectors.mapping(Interaction::trackId, Collectors.toSet())));
            int better = 0;
            int users = 0;
            for (Map.Entry<String, Set<String>> user : played.entrySet()) {
                if (user.getValue().size() < 5) {
                    continue;
                }
                float[] p = ncf.probabilities(user.getKey());
                assertEquals(ncf.tracks().size(), p.length);
                double own = 0;
                double all = 0;
                for (int i = 0; i < p.length; i++) {
                    all += p[i];
                    own += user.getValue().contains(ncf.tracks().get(i)) ? p[i] : 0;
                }
                users++;
                better += own / user.getValue().size() > all / p.length ? 1 : 0;
            }
            assertTrue(users >= 10, "users with five plays: " + users);
            assertTrue(better >= users * 0.9, better + " of " + users + " users score their own tracks above the average track");
            assertNull(ncf.probabilities("nobody"), "a user it was not trained on gets nothing");
        }
    }
}
