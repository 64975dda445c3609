package dev.encore.stack;

import dev.encore.schemas.Attribution;
import dev.encore.schema.EventType;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiment as the topics record it: every event is attributed ({@link Attribution}, the job's rule) to its
 * user's list in force (the newest committed list made from the user's earlier events), and acceptance is compared
 * across the arms the lists carry. The experiment assigns users, not events, to arms, and one listener's events
 * are alike; so each arm's interval counts users: the variance of the ratio of sums by the delta method over users
 * (Deng, Knoblich and Lu, KDD 2018), which an interval over events would understate many times over.
 */
record ArmReport(Map<String, Arm> arms) {
    /** The z of a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /** One arm: its users, events judged, acceptances, and the rate's standard error over users. */
    record Arm(int users, long judged, long accepted, double standardError) {
        double rate() {
            return judged == 0 ? 0 : (double) accepted / judged;
        }
    }

    /** @param events in each user's order (one user's events share a partition) */
    static ArmReport of(List<UserEvent> events, List<Recommendations> lists) {
        Map<String, List<Recommendations>> listsOf = new HashMap<>();
        for (Recommendations list : lists) {
            listsOf.computeIfAbsent(list.getUserId(), u -> new ArrayList<>()).add(list);
        }
        listsOf.values().forEach(l -> l.sort(Comparator.comparingLong(Recommendations::getEventsSeen)));
        Map<String, long[]> perUser = new LinkedHashMap<>();
        Map<String, Integer> position = new HashMap<>();
        Map<String, Integer> next = new HashMap<>();
        for (UserEvent event : events) {
            String user = event.getUserId();
            int at = position.merge(user, 1, Integer::sum);
            List<Recommendations> ofUser = listsOf.getOrDefault(user, List.of());
            // The list in force: the newest made from events before this one.
            int i = next.getOrDefault(user, 0);
            while (i < ofUser.size() && ofUser.get(i).getEventsSeen() < at) {
                i++;
            }
            next.put(user, i);
            if (i == 0) {
                continue;
            }
            Recommendations inForce = ofUser.get(i - 1);
            List<String> tracks = inForce.getItems().stream().sorted(Comparator.comparingInt(RecommendedItem::getRank))
                    .limit(Attribution.TOP).map(RecommendedItem::getTrackId).toList();
            EventType type = event.getType();
            String fromList = event.getContext() == null ? null : event.getContext().getRecommendationId();
            Integer fromRank = event.getContext() == null ? null : event.getContext().getPosition();
            Attribution attribution = Attribution.of(inForce.getRecommendationId(), tracks, event.getTrackId(), type, fromList,
                    fromRank == null ? 0 : fromRank);
            long[] counts = perUser.computeIfAbsent(user, u -> new long[2]);
            counts[0]++;
            counts[1] += attribution.accepted() ? 1 : 0;
        }
        Map<String, List<long[]>> byArm = new TreeMap<>();
        perUser.forEach((user, counts) -> {
            String arm = listsOf.get(user).get(0).getArm();
            byArm.computeIfAbsent(arm == null ? "none" : arm, a -> new ArrayList<>()).add(counts);
        });
        Map<String, Arm> arms = new TreeMap<>();
        byArm.forEach((arm, users) -> arms.put(arm, arm(users)));
        return new ArmReport(arms);
    }

    /** Sums over the arm's users, and the delta-method standard error of their ratio. */
    static Arm arm(List<long[]> users) {
        long judged = users.stream().mapToLong(u -> u[0]).sum();
        long accepted = users.stream().mapToLong(u -> u[1]).sum();
        int m = users.size();
        if (m < 2 || judged == 0) {
            return new Arm(m, judged, accepted, Double.NaN);
        }
        double rate = (double) accepted / judged;
        double meanJudged = (double) judged / m;
        double squares = users.stream().mapToDouble(u -> Math.pow(u[1] - rate * u[0], 2)).sum();
        return new Arm(m, judged, accepted, Math.sqrt(squares / ((m - 1) * (double) m * meanJudged * meanJudged)));
    }

    void print(PrintWriter out) {
        out.println("Acceptance by experiment arm: events whose track came from the user's list in force (its top 10, or named by");
        out.println("the player), from the topics; intervals count users, the unit the experiment randomises (delta method).");
        out.printf("%-12s %7s %9s %9s %8s %20s%n", "arm", "users", "judged", "accepted", "rate", "95% interval");
        arms.forEach((name, a) -> out.printf("%-12s %,7d %,9d %,9d %7.2f%% %20s%n", name, a.users(), a.judged(), a.accepted(),
                100 * a.rate(), Double.isNaN(a.standardError()) ? "(needs 2+ users)"
                        : String.format("[%.2f%%, %.2f%%]", 100 * (a.rate() - Z95 * a.standardError()), 100 * (a.rate() + Z95 * a.standardError()))));
        if (arms.size() < 2) {
            out.println("one arm only: run the job with experiment.arms (e.g. model:50,no-model:50) to compare");
            return;
        }
        String control = arms.containsKey("model") ? "model" : arms.keySet().iterator().next();
        Arm base = arms.get(control);
        arms.forEach((name, a) -> {
            if (name.equals(control)) {
                return;
            }
            double d = a.rate() - base.rate();
            double se = Math.sqrt(a.standardError() * a.standardError() + base.standardError() * base.standardError());
            if (Double.isNaN(se)) {
                out.printf("%s - %s: %+.2f points; no interval with fewer than two users in an arm%n", name, control, 100 * d);
                return;
            }
            boolean shown = Math.abs(d) > Z95 * se;
            out.printf("%s - %s: %+.2f points, 95%% interval [%+.2f, %+.2f]: %s%n", name, control, 100 * d,
                    100 * (d - Z95 * se), 100 * (d + Z95 * se),
                    shown ? "a difference at the 95% level" : "no difference shown at the 95% level");
        });
    }
}
