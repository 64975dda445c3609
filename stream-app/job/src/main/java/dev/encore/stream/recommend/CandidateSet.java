package dev.encore.stream.recommend;

import dev.encore.model.live.Candidate;
import dev.encore.model.live.Evidence;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.types.ImmutableRecords;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What one recomputation ranks: the candidates, the user's sequence for the model, the tracks never to offer,
 * and where it came from. {@code answered} holds the events it answers, oldest first (more than one when
 * coalesced): each happened while the user's previous list was in force. {@code arm} is the user's experiment arm
 * (empty without an experiment).
 */
@TypeInfo(ImmutableRecords.class)
public record CandidateSet(String userId, String triggerEventId, String triggerTrackId, long triggerEventTime,
                           long ingestTime, long seq, AnsweredEvent[] answered, String[] historyTracks, String[] historyArtists, byte[] historyTypes,
                           String[] excluded, Candidate[] candidates, String arm) {

    public static CandidateSet of(Trigger trigger, Evidence evidence, AnsweredEvent[] answered, String[] excluded,
                                  Candidate[] candidates, String arm) {
        return new CandidateSet(trigger.userId(), trigger.eventId(), trigger.trackId(), trigger.eventTime(),
                trigger.ingestTime(), trigger.seq(), answered, evidence.historyTracks(), evidence.historyArtists(),
                evidence.historyTypes(), excluded, candidates, arm);
    }

    public CandidateSet withCandidates(Candidate[] more) {
        return new CandidateSet(userId, triggerEventId, triggerTrackId, triggerEventTime, ingestTime, seq, answered,
                historyTracks, historyArtists, historyTypes, excluded, more, arm);
    }

    /** How many events this recomputation answers. */
    public int covered() {
        return answered.length;
    }
}
