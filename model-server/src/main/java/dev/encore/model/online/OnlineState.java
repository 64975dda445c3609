package dev.encore.model.online;

import dev.encore.model.data.Interaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything that learns from the event stream: the catalogue, co-listening transitions, popularity and
 * trending, and each user's history. The evaluation's streaming protocol and the stream job feed it the
 * same way, one event at a time ({@link #observe}).
 */
public final class OnlineState {
    public static final int HISTORY_CAPACITY = 50;
    public static final Duration TRENDING_HALF_LIFE = Duration.ofHours(12);

    private final Catalogue catalogue = new Catalogue();
    private final Transitions transitions = new Transitions();
    private final Popularity popularity = new Popularity(TRENDING_HALF_LIFE);
    private final Map<String, UserHistory> users = new HashMap<>();

    /**
     * Takes one event. With {@code learn} the catalogue, transitions and popularity learn from it; without,
     * only the user's history (the input of a frozen model) moves on.
     */
    public void observe(Interaction event, boolean learn) {
        UserHistory user = users.computeIfAbsent(event.userId(), u -> new UserHistory(HISTORY_CAPACITY));
        int track = learn ? catalogue.add(event.trackId(), event.artistId()) : catalogue.indexOf(event.trackId());
        if (learn && event.isPlayOrSkip()) {
            float weight = Transitions.weightOf(event.type());
            if (event.sessionId().equals(user.sessionId())) {
                transitions.add(user.session().stream().map(UserHistory.Step::track).toList(), track, weight);
            }
            popularity.add(track, weight, event.time());
        }
        user.add(event.sessionId(), new UserHistory.Step(event.trackId(), track, catalogue.artistIndexOf(event.artistId()),
                event.type(), event.time()));
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Transitions transitions() {
        return transitions;
    }

    public Popularity popularity() {
        return popularity;
    }

    /** The user's history, or null for a user never seen. */
    public UserHistory user(String userId) {
        return users.get(userId);
    }
}
