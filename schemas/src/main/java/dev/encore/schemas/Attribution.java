package dev.encore.schemas;

import dev.encore.schema.EventType;
import java.util.List;

/**
 * What a listener did with a recommended list: the one attribution rule behind the job's acceptance counters.
 * When the player names the list it played from ({@code fromList}, the SDK's {@code PlayerEvents.fromList}), the
 * event is attributed to it, at the rank the player sent (or the track's rank in it when that list is the one in
 * force); otherwise, as for historical events, it is attributed when its track is in the top {@link #TOP} of the
 * list in force, at that rank. A PLAY or SKIP so attributed is an acceptance (the listener took the list's
 * track); a SKIP is also an acceptance skipped; a LIKE of a listed track is a like.
 *
 * @param outcome  what the event was, with respect to the list
 * @param rank     1-based rank of the track in the list; 0 when unknown (not listed, or a named older list
 *                 without a rank)
 * @param explicit whether the player named the list
 */
public record Attribution(Outcome outcome, int rank, boolean explicit) {
    /** How much of a list counts as shown: the cut-off of attribution and of every list metric. */
    public static final int TOP = 10;

    public enum Outcome { ACCEPTED, SKIPPED, LIKED, DISLIKED, NOT_FROM_LIST }

    /**
     * @param listId       the id of the user's list in force
     * @param listTracks   its tracks, best first
     * @param fromList     the list the player named; empty or null: none
     * @param fromListRank the rank the player sent; 0: none
     */
    public static Attribution of(String listId, List<String> listTracks, String trackId, EventType type, String fromList,
                                 int fromListRank) {
        boolean explicit = fromList != null && !fromList.isEmpty();
        int rank;
        if (explicit) {
            rank = fromListRank > 0 ? fromListRank : fromList.equals(listId) ? rankOf(listTracks, trackId) : 0;
        } else {
            rank = rankOf(listTracks, trackId);
        }
        if (!explicit && rank == 0) {
            return new Attribution(Outcome.NOT_FROM_LIST, 0, false);
        }
        Outcome outcome = switch (type) {
            case PLAY -> Outcome.ACCEPTED;
            case SKIP -> Outcome.SKIPPED;
            case LIKE -> Outcome.LIKED;
            case DISLIKE -> Outcome.DISLIKED;
            default -> Outcome.NOT_FROM_LIST;
        };
        return new Attribution(outcome, outcome == Outcome.NOT_FROM_LIST ? 0 : rank, explicit);
    }

    /** 1-based position of {@code track} in the first {@link #TOP} of {@code list}, 0 when it is not there. */
    public static int rankOf(List<String> list, String track) {
        int i = list.indexOf(track);
        return i >= 0 && i < TOP ? i + 1 : 0;
    }

    /** The listener started the list's track (and may have skipped it). */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED || outcome == Outcome.SKIPPED;
    }
}
