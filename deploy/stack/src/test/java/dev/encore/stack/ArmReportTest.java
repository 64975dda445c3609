package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.CandidateSource;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.sdk.PlayerEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ArmReportTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachEventIsJudgedAgainstTheListMadeFromTheUsersEarlierEvents() {
        List<UserEvent> events = List.of(play("u1", "t1"), play("u2", "a"), play("u1", "t2"), play("u1", "t3"), play("u2", "b"));
        List<Recommendations> lists = List.of(
                list("u1", 1, "model", "t2", "x"),   // made after t1: t2 follows at rank 1, accepted
                list("u1", 2, "model", "y", "z"),    // made after t2: t3 is not in it
                list("u2", 1, "no-model", "b"));     // u2's second event takes its first track
        ArmReport report = ArmReport.of(events, lists);
        assertEquals(2, report.arms().get("model").judged(), "u1's second and third events");
        assertEquals(1, report.arms().get("model").accepted());
        assertEquals(1, report.arms().get("no-model").judged(), "a user's first event has no list in force");
        assertEquals(1, report.arms().get("no-model").accepted());
    }

    @Test
    void theIntervalCountsUsersNotEvents() {
        // Two users of 10 events each, accepting 5 and 1: rate 0.3; over users the variance is
        // ((5 - 3)^2 + (1 - 3)^2) / ((2 - 1) * 2 * 10^2) = 0.04, a standard error of 0.2, where 20 independent events
        // would give sqrt(0.3 * 0.7 / 20) = 0.10.
        ArmReport.Arm arm = ArmReport.arm(List.of(new long[] {10, 5}, new long[] {10, 1}));
        assertEquals(0.3, arm.rate(), 1e-12);
        assertEquals(0.2, arm.standardError(), 1e-12);
        assertEquals(2, arm.users());
    }

    @Test
    void theReportComparesEachArmWithTheModelArm() {
        List<long[]> model = new ArrayList<>();
        List<long[]> noModel = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            model.add(new long[] {20, 6 + u % 3});
            noModel.add(new long[] {20, 2 + u % 3});
        }
        StringWriter text = new StringWriter();
        new ArmReport(new TreeMap<>(Map.of("model", ArmReport.arm(model), "no-model", ArmReport.arm(noModel))))
                .print(new PrintWriter(text, true));
        String report = text.toString();
        assertTrue(report.contains("no-model - model: -20.00 points"), report);
        assertTrue(report.contains("a difference at the 95% level"), report);
    }

    private static UserEvent play(String user, String track) {
        return PlayerEvents.play(user, track, T, 60_000).build();
    }

    private static Recommendations list(String user, long eventsSeen, String arm, String... tracks) {
        List<RecommendedItem> items = new ArrayList<>();
        for (int i = 0; i < tracks.length; i++) {
            items.add(RecommendedItem.newBuilder().setTrackId(tracks[i]).setScore(1f).setRank(i + 1)
                    .setSource(CandidateSource.CF).setReason("").build());
        }
        return Recommendations.newBuilder().setRecommendationId(user + "-" + eventsSeen).setUserId(user).setGeneratedAt(T)
                .setTriggerEventId("e").setTriggerEventTime(T).setModelVersion("v").setDegraded(false).setEventsSeen(eventsSeen)
                .setItems(items).setArm(arm).build();
    }
}
