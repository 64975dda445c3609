package dev.encore.model.live;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Which tracks a list never offers: the product rule, and the variants the evaluation measures it against. */
public enum Exclusions {
    /** The product's rule: tracks skipped in this session and the track just played. */
    SKIPPED_AND_JUST_PLAYED,
    /** Only tracks skipped in this session (the just-played track may be offered again). */
    SKIPPED_ONLY,
    /** None: to measure what the rules cost. */
    NONE;

    public Set<String> of(String justPlayed, String[] skippedInSession) {
        Set<String> excluded = new HashSet<>();
        if (this != NONE) {
            excluded.addAll(Arrays.asList(skippedInSession));
        }
        if (this == SKIPPED_AND_JUST_PLAYED && justPlayed != null) {
            excluded.add(justPlayed);
        }
        return excluded;
    }
}
