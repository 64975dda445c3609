package dev.encore.model.methods;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.UserSequence;
import dev.encore.model.online.Catalogue;
import java.util.HashMap;
import java.util.Map;

/**
 * A catalogue-wide method under a product rule: the tracks the rule excludes (read off the user's sequence as the
 * job keeps it, sessions cut by the same gap) are never offered. So every baseline plays by the live
 * recommender's rules, and its no-rules twin shows what the rules cost.
 */
public final class Ruled implements NextTrackMethod {
    private final NextTrackMethod method;
    private final Exclusions rules;
    private final LiveSettings settings;
    private final String name;
    private final Map<String, UserSequence> users = new HashMap<>();

    public Ruled(NextTrackMethod method, Exclusions rules, LiveSettings settings) {
        this.method = method;
        this.rules = rules;
        this.settings = settings;
        this.name = rules == Exclusions.SKIPPED_AND_JUST_PLAYED ? method.name() : method.name() + ", " + describe(rules);
    }

    static String describe(Exclusions rules) {
        return switch (rules) {
            case SKIPPED_AND_JUST_PLAYED -> "product rules";
            case SKIPPED_ONLY -> "skips excluded, just-played allowed";
            case NONE -> "no rules";
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void score(Query query, float[] scores) {
        method.score(query, scores);
        UserSequence user = users.get(query.userId());
        if (user == null || user.size() == 0) {
            return;
        }
        Catalogue catalogue = query.state().catalogue();
        String justPlayed = user.tracks()[user.size() - 1];
        for (String track : rules.of(justPlayed, user.skippedInCurrentSession(settings.sessionGap().toMillis()).toArray(String[]::new))) {
            int index = catalogue.indexOf(track);
            if (index >= 0) {
                scores[index] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public void observe(Interaction event, boolean learn) {
        method.observe(event, learn);
        users.put(event.userId(), users.getOrDefault(event.userId(), UserSequence.EMPTY)
                .with(event.trackId(), event.artistId(), event.type(), event.time().toEpochMilli(), settings.sequenceLength()));
    }
}
