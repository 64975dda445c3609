package dev.encore.stream.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schemas.Topics;
import dev.encore.stream.rank.RankedList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Each newer closed window becomes the new-listener list, ranked by the shared ranker; older ones are dropped. */
class NewListenerListFunctionTest {
    private static final Ranker RANKER = new Ranker(RankingWeights.DEFAULT, 20, 20);

    @Test
    void eachNewerWindowBecomesTheListForListenersWithNoEventAndAnOlderOneIsDropped() throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new NewListenerListFunction(new CandidateAssembler(50), RANKER), (TrendingSnapshot s) -> Topics.NEW_LISTENER_KEY,
                Types.STRING)) {
            harness.processElement(new StreamRecord<>(window(600_000, "a", 5f, "b", 9f)));
            harness.processElement(new StreamRecord<>(window(300_000, "c", 99f, "d", 1f)));
            harness.processElement(new StreamRecord<>(window(900_000, "c", 2f, "a", 3f)));

            List<RankedList> lists = harness.extractOutputValues();
            assertEquals(2, lists.size(), "the window ending at 300,000 came after a newer one: dropped");
            assertEquals(List.of("b", "a"), tracks(lists.get(0)), "most played first");
            assertEquals(List.of("a", "c"), tracks(lists.get(1)));
            for (RankedList list : lists) {
                assertEquals(Topics.NEW_LISTENER_KEY, list.userId());
                assertTrue(Arrays.stream(list.items()).allMatch(i -> i.source() == Source.TRENDING && i.reason().equals("trending now")));
            }
            assertEquals(600_000, lists.get(0).triggerEventTime());
            assertNotEquals(lists.get(0).recommendationId(), lists.get(1).recommendationId());
            assertEquals(1, harness.numKeyedStateEntries(), "the newest window published, for its one key");
            assertEquals(0, harness.numEventTimeTimers() + harness.numProcessingTimeTimers());
        }
    }

    @Test
    void theSameWindowGetsTheSameIdWhenReplayedAfterARestart() throws Exception {
        String[] ids = new String[2];
        for (int run = 0; run < 2; run++) {
            try (var harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                    new NewListenerListFunction(new CandidateAssembler(50), RANKER), (TrendingSnapshot s) -> Topics.NEW_LISTENER_KEY,
                    Types.STRING)) {
                harness.processElement(new StreamRecord<>(window(600_000, "a", 5f, "b", 9f)));
                ids[run] = harness.extractOutputValues().get(0).recommendationId();
            }
        }
        assertEquals(ids[0], ids[1]);
    }

    private static TrendingSnapshot window(long end, String track1, float plays1, String track2, float plays2) {
        boolean ordered = plays1 >= plays2;
        return new TrendingSnapshot(end, ordered ? new String[] {track1, track2} : new String[] {track2, track1},
                new String[] {"artist-1", "artist-2"}, ordered ? new float[] {plays1, plays2} : new float[] {plays2, plays1});
    }

    private static List<String> tracks(RankedList list) {
        return Arrays.stream(list.items()).map(RankedItem::trackId).toList();
    }
}
