package dev.encore.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's acceptance counters ({@code encore_lists_served}, {@code encore_judged}, {@code encore_accepted}, ...;
 * labelled by experiment arm and model version) summed per arm, for the stack's feed.
 *
 * @param lists    lists served
 * @param judged   events judged against the list in force
 * @param accepted plays and skips of a listed track
 * @param top1     acceptances of the first track
 * @param top3     acceptances of one of the first three
 * @param skipped  acceptances then skipped
 * @param liked    likes of a listed track
 * @param byPlayer events the player attributed itself
 */
record ArmAcceptance(long lists, long judged, long accepted, long top1, long top3, long skipped, long liked, long byPlayer) {
    static final ArmAcceptance ZERO = new ArmAcceptance(0, 0, 0, 0, 0, 0, 0, 0);
    private static final List<String> COUNTERS = List.of("encore_lists_served", "encore_judged", "encore_accepted",
            "encore_accepted_top1", "encore_accepted_top3", "encore_accepted_skipped", "encore_liked", "encore_attributed_by_player");

    double rate() {
        return judged == 0 ? 0 : (double) accepted / judged;
    }

    ArmAcceptance plus(ArmAcceptance o) {
        return new ArmAcceptance(lists + o.lists, judged + o.judged, accepted + o.accepted, top1 + o.top1, top3 + o.top3,
                skipped + o.skipped, liked + o.liked, byPlayer + o.byPlayer);
    }

    /** Per arm, over model versions and subtasks. */
    static Map<String, ArmAcceptance> byArm(List<JobMetricsText.Sample> samples) {
        Map<String, ArmAcceptance> totals = new TreeMap<>();
        for (JobMetricsText.Sample sample : samples) {
            String arm = sample.labels().get("arm");
            int counter = counter(sample.name());
            if (arm == null || counter < 0) {
                continue;
            }
            long[] values = new long[COUNTERS.size()];
            values[counter] = (long) sample.value();
            totals.merge(arm, new ArmAcceptance(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]),
                    ArmAcceptance::plus);
        }
        return totals;
    }

    /** Which of our counters a sample is (Flink prefixes the scope and the group keys), or -1. */
    private static int counter(String name) {
        for (int i = 0; i < COUNTERS.size(); i++) {
            if (name.endsWith("_" + COUNTERS.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
