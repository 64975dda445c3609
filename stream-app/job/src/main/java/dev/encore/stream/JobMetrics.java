package dev.encore.stream;

/**
 * Names of the job's metrics, registered in each operator's Flink metric group (so a reporter shows them as
 * e.g. {@code <operator>.encore_consumed}). Operators watch these for lag and freshness.
 */
public final class JobMetrics {
    private JobMetrics() {
    }

    /** Records read from the events topic. */
    public static final String CONSUMED = "encore_consumed";
    /** Records sent to the dead-letter topic. */
    public static final String DEAD_LETTERED = "encore_dead_lettered";
    /** Events older than the user's newest event, inserted in time order. */
    public static final String LATE_EVENTS = "encore_late_events";
    /** Events whose recomputation was folded into a later one of the same user. */
    public static final String COALESCED = "encore_coalesced";
    /** Sets not scored nor listed because a newer set of the same user was in the same model batch. */
    public static final String SUPERSEDED = "encore_superseded";
    /** Candidates per recomputation, before ranking. */
    public static final String CANDIDATES = "encore_candidates_per_trigger";
    /** Milliseconds from asking the model to its answer. */
    public static final String SCORING_MS = "encore_scoring_ms";
    /** Recommendation lists ranked without the model (scorer down, slow or off). */
    public static final String DEGRADED = "encore_degraded";
    /** Model calls that timed out. */
    public static final String SCORING_TIMEOUTS = "encore_scoring_timeouts";
    /** Milliseconds from the event reaching Kafka to its recommendation leaving the ranker. */
    public static final String EVENT_TO_RECOMMENDATION_MS = "encore_event_to_recommendation_ms";
    /**
     * Metric group key: the live-quality counters carry the version of the model that made the judged list
     * ({@code <version>:degraded} for lists made without it while it failed), so a model swap shows side by side.
     */
    public static final String MODEL_VERSION = "model_version";
    /** Events judged against the user's list in force when they arrived (live quality). */
    public static final String LIVE_PREDICTIONS = "encore_live_predictions";
    /** Of those, events whose track was in the list's top 10. */
    public static final String LIVE_HITS = "encore_live_hits_at_10";
    /** Their NDCG@10 summed, in millionths (a counter, so that rates divide into the mean). */
    public static final String LIVE_NDCG_MICROS = "encore_live_ndcg_at_10_micros";
    /** Recommendation lists produced. */
    public static final String RECOMMENDATIONS = "encore_recommendations";
    /**
     * Metric group key above {@link #MODEL_VERSION}: the attribution counters carry the experiment arm of the user
     * ({@code none} without an experiment) and the version that made the list.
     */
    public static final String ARM = "arm";
    /** Metric group key: the exploration counters carry the source that filled the slot (lower case). */
    public static final String EXPLORED_SOURCE = "explored_source";
    /** Lists whose exploration slot this source filled. */
    public static final String EXPLORE_PICKS = "encore_explore_picks";
    /** Of those, lists whose next event played the pick (not a skip): the bandit's reward. */
    public static final String EXPLORE_ACCEPTED = "encore_explore_accepted";
    /** Lists served (made and written), by arm and model version. */
    public static final String LISTS_SERVED = "encore_lists_served";
    /** Events judged against the list in force (the user had one), by its arm and model version. */
    public static final String JUDGED = "encore_judged";
    /** Of those, plays and skips of a track from the list ({@code Attribution}): acceptances. */
    public static final String ACCEPTED = "encore_accepted";
    /** Acceptances of the list's first track. */
    public static final String ACCEPTED_TOP1 = "encore_accepted_top1";
    /** Acceptances of one of the list's first three tracks. */
    public static final String ACCEPTED_TOP3 = "encore_accepted_top3";
    /** Acceptances that were skips: the listener took the track and skipped it. */
    public static final String ACCEPTED_SKIPPED = "encore_accepted_skipped";
    /** Likes of a track from the list. */
    public static final String LIKED = "encore_liked";
    /** Events the player attributed itself (it named the list). */
    public static final String ATTRIBUTED_BY_PLAYER = "encore_attributed_by_player";
}
