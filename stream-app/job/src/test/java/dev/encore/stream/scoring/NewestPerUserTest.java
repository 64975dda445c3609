package dev.encore.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.encore.model.live.Candidate;
import dev.encore.schema.EventType;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewestPerUserTest {
    @Test
    void onlyEachUsersLastSetIsScoredAndTheOthersAreSuperseded() {
        List<CandidateSet> batch = List.of(set("u1", 1), set("u2", 1), set("u1", 2), set("u3", 1), set("u1", 3), set("u2", 2));
        List<CandidateSet> newest = NewestPerUser.of(batch);
        assertEquals(List.of("u3/1", "u1/3", "u2/2"), newest.stream().map(NewestPerUserTest::name).toList());

        List<ScoredSet> scored = newest.stream().map(s -> ScoredSet.scored(s, new float[0], "v1", null)).toList();
        List<ScoredSet> answers = NewestPerUser.merge(batch, newest, scored);
        assertEquals(batch.size(), answers.size(), "one answer per set, in batch order");
        for (int i = 0; i < batch.size(); i++) {
            assertSame(batch.get(i), answers.get(i).set());
        }
        assertEquals(List.of(true, true, true, false, false, false), answers.stream().map(ScoredSet::superseded).toList());
        assertEquals("v1", answers.get(0).modelVersion());
    }

    @Test
    void aBatchOfDistinctUsersIsScoredWhole() {
        List<CandidateSet> batch = List.of(set("u1", 1), set("u2", 1));
        assertSame(batch, NewestPerUser.of(batch));
    }

    private static String name(CandidateSet set) {
        return set.userId() + "/" + set.seq();
    }

    private static CandidateSet set(String user, long seq) {
        return new CandidateSet(user, user + "e" + seq, "played", seq, seq, seq, new AnsweredEvent[] {new AnsweredEvent("played", EventType.PLAY, "", 0)}, new String[] {"played"},
                new String[] {"a0"}, new byte[] {0}, new String[] {"played"}, new Candidate[0], "");
    }
}
