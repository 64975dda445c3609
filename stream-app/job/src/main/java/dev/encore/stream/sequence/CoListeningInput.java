package dev.encore.stream.sequence;

/**
 * What the sequence stage hands the track-keyed co-listening stage, in one stream: a pair to learn or a trigger to
 * answer (exactly one is set). One stream, not two, because order within one channel is kept: an event's pairs
 * are sent before its trigger, so the trigger always sees them (with two inputs, which comes first is chance).
 */
public record CoListeningInput(PairUpdate pair, Trigger trigger) {

    public static CoListeningInput of(PairUpdate pair) {
        return new CoListeningInput(pair, null);
    }

    public static CoListeningInput of(Trigger trigger) {
        return new CoListeningInput(null, trigger);
    }

    /** The track whose state this is for: the pair's first track, or the trigger's just-played track. */
    public String key() {
        return pair != null ? pair.from() : trigger.trackId();
    }
}
