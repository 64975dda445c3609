package dev.encore.stream.experiment;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An experiment over users ({@code experiment.arms}, e.g. {@code model:50,no-model:50}): each user's arm comes from
 * a hash of the user id alone, so a user stays in one arm across events, restarts, job instances and model versions,
 * and every task assigns it alike. The arms are treatments the job knows: {@value #MODEL} (the attention model
 * rescores, as without an experiment) and {@value #NO_MODEL} (ranked from the candidate sources alone; the model is
 * not called for the user) and {@value #EXPLORE} (as {@value #MODEL}, with the exploration slot of {@code explore.rank}).
 * No arms: no experiment, and the arm is empty.
 */
public record ExperimentArms(List<Arm> arms) implements Serializable {
    public static final String MODEL = "model";
    public static final String NO_MODEL = "no-model";
    public static final String EXPLORE = "explore";
    public static final ExperimentArms NONE = new ExperimentArms(List.of());
    private static final Set<String> TREATMENTS = Set.of(MODEL, NO_MODEL, EXPLORE);
    private static final String EXAMPLE = "e.g. model:50,no-model:50";

    /** One arm and its share of users (relative to the sum of the shares). */
    public record Arm(String name, int share) implements Serializable {
    }

    public ExperimentArms {
        arms = List.copyOf(arms);
    }

    /** Reads {@code NAME:SHARE,...}; empty: no experiment. */
    public static ExperimentArms parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Arm> arms = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String[] nameShare = part.strip().split(":");
            if (nameShare.length != 2 || !TREATMENTS.contains(nameShare[0].strip())) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not an arm: use NAME:SHARE with NAME one of "
                        + MODEL + ", " + NO_MODEL + ", " + EXPLORE + " (" + EXAMPLE + ")");
            }
            int share;
            try {
                share = Integer.parseInt(nameShare[1].strip());
            } catch (NumberFormatException e) {
                share = 0;
            }
            if (share <= 0) {
                throw new IllegalArgumentException("arm '" + nameShare[0].strip() + "' needs a whole share above 0 (" + EXAMPLE + ")");
            }
            if (!names.add(nameShare[0].strip())) {
                throw new IllegalArgumentException("arm '" + nameShare[0].strip() + "' is named twice (" + EXAMPLE + ")");
            }
            arms.add(new Arm(nameShare[0].strip(), share));
        }
        if (arms.size() < 2) {
            throw new IllegalArgumentException("an experiment needs two arms or more (" + EXAMPLE + "); leave it empty for none");
        }
        return new ExperimentArms(arms);
    }

    /** The user's arm; empty when no experiment runs. */
    public String armOf(String userId) {
        if (arms.isEmpty()) {
            return "";
        }
        int total = arms.stream().mapToInt(Arm::share).sum();
        // MD5 through UUID: the same on every JVM, unlike String.hashCode's weak low bits for similar ids.
        long hash = UUID.nameUUIDFromBytes(("encore-arm:" + userId).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        long point = Math.floorMod(hash, (long) total);
        for (Arm arm : arms) {
            point -= arm.share();
            if (point < 0) {
                return arm.name();
            }
        }
        throw new IllegalStateException("unreachable: point beyond the shares' total");
    }

    /** Whether {@code arm}'s lists fill the exploration slot (every user's when no experiment runs) when there is one. */
    public static boolean explores(String arm) {
        return arm.isEmpty() || EXPLORE.equals(arm);
    }

    /** Whether the experiment has an {@value #EXPLORE} arm. */
    public boolean hasExploreArm() {
        return arms.stream().anyMatch(arm -> arm.name().equals(EXPLORE));
    }

    /** Whether the model rescores the lists of users in {@code arm} (every user when no experiment runs). */
    public static boolean modelScores(String arm) {
        return !NO_MODEL.equals(arm);
    }
}
