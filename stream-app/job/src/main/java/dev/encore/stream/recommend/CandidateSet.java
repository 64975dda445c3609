package dev.encore.stream.recommend;

import dev.encore.schema.EventType;
import dev.encore.stream.sequence.Trigger;

/**
 * What one recomputation ranks: the candidates, the user's sequence for the model, the tracks never to offer,
 * and where it came from. {@code covered} is how many events it answers (more than 1 when coalesced).
 */
public record CandidateSet(String userId, String triggerEventId, String triggerTrackId, long triggerEventTime,
                           long ingestTime, long seq, int covered, String[] historyTracks, byte[] historyTypes,
                           String[] excluded, Candidate[] candidates) {

    public static CandidateSet of(Trigger trigger, int covered, String[] excluded, Candidate[] candidates) {
        return new CandidateSet(trigger.userId(), trigger.eventId(), trigger.trackId(), trigger.eventTime(),
                trigger.ingestTime(), trigger.seq(), covered, trigger.historyTracks(), trigger.historyTypes(), excluded,
                candidates);
    }

    public EventType historyType(int i) {
        return EventType.values()[historyTypes[i]];
    }

    public CandidateSet withCandidates(Candidate[] more) {
        return new CandidateSet(userId, triggerEventId, triggerTrackId, triggerEventTime, ingestTime, seq, covered,
                historyTracks, historyTypes, excluded, more);
    }
}
