package dev.encore.stream;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * An event's trigger reaching one stage of the pipeline, recorded by Java Flight Recorder when a recording enables
 * it ({@code encore-bench profile} does): how long after the event's Kafka timestamp it got there. Read in stage
 * order, the differences are where an event's latency goes (queues, shuffles, waits for order, the model's batch),
 * which CPU samples alone do not show. A recording must enable it by name; otherwise a mark costs one flag check.
 * Enabled, a mark costs about a clock read and a small write (no stack trace).
 */
@Name(StageReachedEvent.NAME)
@Label("Stage reached")
@Category("Encore")
@Description("An event's trigger reached a pipeline stage")
@StackTrace(false)
// Off unless a recording names it: nine events per input event would swamp an operator's always-on recording.
@Enabled(false)
public final class StageReachedEvent extends jdk.jfr.Event {
    public static final String NAME = "encore.StageReached";

    /** The stages, in the order an event passes them; {@link #mark} takes one of these. */
    public static final String DECODED = "decoded";
    public static final String SEQUENCE = "user sequence";
    public static final String CO_LISTENING = "co-listening";
    public static final String ARTIST_TRACKS = "artist tracks";
    public static final String CANDIDATES_IN = "candidates: arrived";
    public static final String CANDIDATES_OUT = "candidates: assembled";
    public static final String SCORED = "rescore: scored";
    public static final String RERANK = "rerank: arrived";
    public static final String SINK = "sink: handed to the producer";
    public static final java.util.List<String> STAGES = java.util.List.of(DECODED, SEQUENCE, CO_LISTENING, ARTIST_TRACKS,
            CANDIDATES_IN, CANDIDATES_OUT, SCORED, RERANK, SINK);

    @Label("Stage")
    String stage;

    @Label("Since the event's Kafka timestamp")
    @Timespan(Timespan.MILLISECONDS)
    long sinceIngest;

    /** Notes that the event ingested (Kafka timestamp) at {@code ingestTime} reached {@code stage} now. */
    public static void mark(String stage, long ingestTime) {
        StageReachedEvent event = new StageReachedEvent();
        if (event.isEnabled()) {
            event.stage = stage;
            event.sinceIngest = System.currentTimeMillis() - ingestTime;
            event.commit();
        }
    }
}
