package dev.encore.stream.sequence;

/**
 * What the sequence stage hands the track-keyed co-listening stage, in one stream: pairs to learn for one track,
 * then, when {@code trigger} is set, a trigger to answer with that track's neighbours. One stream, not two,
 * because order within one channel is kept: an event's pairs are sent before its trigger, so the trigger always
 * sees them (with two inputs, which comes first is chance). The pairs that belong to the trigger's own track (its
 * event's backward pairs) travel with the trigger, so that track's state is read and written once per event, not
 * once per pair.
 */
public record CoListeningInput(PairUpdate[] pairs, Trigger trigger) {
    private static final PairUpdate[] NONE = new PairUpdate[0];

    /** One pair to learn, nothing to answer. */
    public static CoListeningInput of(PairUpdate pair) {
        return new CoListeningInput(new PairUpdate[] {pair}, null);
    }

    /** A trigger to answer after learning {@code pairs}, which must all be pairs of the trigger's own track. */
    public static CoListeningInput of(Trigger trigger, PairUpdate... pairs) {
        for (PairUpdate pair : pairs) {
            if (!pair.from().equals(trigger.trackId())) {
                throw new IllegalArgumentException("pair " + pair + " is not of track " + trigger.trackId());
            }
        }
        return new CoListeningInput(pairs.length == 0 ? NONE : pairs, trigger);
    }

    /** The track whose state this is for: the trigger's just-played track, or the pair's first track. */
    public String key() {
        return trigger != null ? trigger.trackId() : pairs[0].from();
    }
}
