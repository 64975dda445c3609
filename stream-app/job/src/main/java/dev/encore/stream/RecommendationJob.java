package dev.encore.stream;

import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.ExplorationSlot;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.SourceBandit;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.online.Transitions;
import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import dev.encore.stream.colisten.ArtistTracksFunction;
import dev.encore.stream.colisten.CoListeningFunction;
import dev.encore.stream.ingest.DeadLetterSerializer;
import dev.encore.stream.ingest.EventDecoder;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.ingest.RawRecord;
import dev.encore.stream.ingest.RawRecordDeserializer;
import dev.encore.stream.rank.RecommendationsSerializer;
import dev.encore.stream.rank.RerankFunction;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.RecommendFunction;
import dev.encore.stream.scoring.RescoreFunction;
import dev.encore.stream.scoring.ScoredSet;
import dev.encore.stream.scoring.ScorerFactory;
import dev.encore.stream.sequence.CoListeningInput;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.sequence.UserSequenceFunction;
import dev.encore.stream.trending.TrendingCounts;
import dev.encore.stream.trending.TrackCount;
import dev.encore.stream.trending.NewListenerListFunction;
import dev.encore.stream.trending.TrendingTop;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The recommendation pipeline, built onto an environment (the topology apart from {@code main}, so tests build
 * the very same job):
 *
 * <pre>
 * events topic -> decode + validate ------------------------------------------> dead-letter topic
 *   -> keyBy(user)  sequence: the newest events, sessions, TTL; emits the event's pairs, then its trigger
 *   -> keyBy(track) co-listening: learn the pairs, attach the just-played track's neighbours
 *   -> keyBy(artist) artist tracks: count the play, attach the artist's most played tracks
 *   -> keyBy(user)  order, history (last N events), coalesce, candidates
 *                     <- broadcast trending (keyBy(track) sliding-window counts by panes -> top N)
 *   -> async rescoring (embedded or remote model, batched, newest set per user in a batch, degrades on failure)
 *   -> (still by user) rerank (the learned ranker, artist cap, top K), live quality of the list it replaces
 *   -> recommendations topic (exactly-once or at-least-once)
 * trending top -> keyBy(one key) the list for listeners with no event yet -> new-listener topic
 * </pre>
 */
public final class RecommendationJob {
    public static final String NAME = "encore-recommendations";

    private RecommendationJob() {
    }

    /** Adds the job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        build(env, config, UnaryOperator.identity());
    }

    /**
     * Adds the job to {@code env}; {@code tap} sees the valid events before they are keyed (tests inject failures
     * there).
     */
    public static void build(StreamExecutionEnvironment env, JobConfig config, UnaryOperator<DataStream<PlayEvent>> tap) {
        SingleOutputStreamOperator<PlayEvent> decoded = env
                .fromSource(source(config), WatermarkStrategy.noWatermarks(), "events")
                .uid("events-source")
                .process(new EventDecoder(config.registryUrl()))
                .uid("decode").name("decode + validate");
        decoded.getSideOutput(EventDecoder.DEAD_LETTERS)
                .sinkTo(sink(config, new DeadLetterSerializer(), Topics.DEAD_LETTERS, "-dlq"))
                .uid("dead-letter-sink").name(Topics.DEAD_LETTERS.name());

        DataStream<PlayEvent> events = tap.apply(decoded).assignTimestampsAndWatermarks(
                WatermarkStrategy.<PlayEvent>forBoundedOutOfOrderness(config.outOfOrderness())
                        .withTimestampAssigner((event, previous) -> event.eventTime())
                        .withIdleness(config.idleness()))
                .uid("watermarks");

        DataStream<CoListeningInput> sequenced = events
                .keyBy(PlayEvent::userId)
                .process(new UserSequenceFunction(config.sessionGap(), config.stateTtl()))
                .uid("sequence").name("user sequence");

        DataStream<Trigger> withNeighbours = sequenced
                .keyBy(CoListeningInput::key)
                .process(new CoListeningFunction(config.maxNeighbours(), config.candidatesPerSource(), config.stateTtl()))
                .uid("co-listening").name("co-listening")
                .keyBy(Trigger::artistId)
                .process(new ArtistTracksFunction(config.artistMaxTracks(), config.candidatesPerSource(), config.stateTtl()))
                .uid("artist-tracks").name("artist tracks");

        DataStream<TrendingSnapshot> trending = events
                .filter(event -> Transitions.weightOf(event.type()) > 0)
                .uid("trending-plays")
                .keyBy(PlayEvent::trackId)
                .process(new TrendingCounts(config.trendingWindow(), config.trendingSlide()))
                .uid("trending-counts").name("trending counts")
                .keyBy(TrackCount::windowEnd)
                .process(new TrendingTop(config.trendingSize()))
                .uid("trending-top").name("trending top");

        ScorerFactory scorers = ScorerFactory.from(config);
        Ranker ranker = Ranker.of(config.liveSettings(), scorers.weights());
        trending.keyBy(snapshot -> Topics.NEW_LISTENER_KEY, Types.STRING)
                .process(new NewListenerListFunction(new CandidateAssembler(config.candidatesPerSource()), ranker))
                .uid("new-listener-list").name("new-listener list")
                .sinkTo(sink(config, new RecommendationsSerializer(config.registryUrl(), Topics.NEW_LISTENER_LISTS.name()),
                        Topics.NEW_LISTENER_LISTS, "-new-listener"))
                .uid("new-listener-sink").name(Topics.NEW_LISTENER_LISTS.name());

        DataStream<CandidateSet> candidates = withNeighbours
                .keyBy(Trigger::userId)
                .connect(trending.broadcast(RecommendFunction.TRENDING))
                .process(new RecommendFunction(new CandidateAssembler(config.candidatesPerSource()), config.sequenceLength(),
                        config.sessionGap(), config.coalesceWindow(), config.stateTtl(), config.arms()))
                .uid("candidates").name("order + coalesce + candidates");

        // Ordered: a user's lists must leave in the order of their events, or the compacted topic could end on an old one.
        DataStream<ScoredSet> scored = AsyncDataStream.orderedWait(candidates,
                        new RescoreFunction(scorers, config.modelTopK(), config.scoringBatchSize(), config.scoringBatchWait(), config.skipSuperseded()),
                        config.scoringTimeout().toMillis(), TimeUnit.MILLISECONDS, config.scoringMaxInFlight())
                .uid("rescore").name("rescore");

        // The async stage runs chained to the user-keyed stage before it, so its output is still partitioned by user.
        DataStreamUtils.reinterpretAsKeyedStream(scored, s -> s.set().userId())
                .process(new RerankFunction(ranker, config.stateTtl(),
                        config.exploreRank() > 0 ? new ExplorationSlot(config.exploreRank()) : null,
                        new SourceBandit(config.explorePriorStrength(), config.exploreMemory())))
                .uid("rerank").name("rerank + live quality")
                .sinkTo(sink(config, new RecommendationsSerializer(config.registryUrl()), Topics.RECOMMENDATIONS, ""))
                .uid("recommendations-sink").name(Topics.RECOMMENDATIONS.name());
    }

    private static KafkaSource<RawRecord> source(JobConfig config) {
        var builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(Topics.EVENTS.name())
                .setGroupId(config.groupId())
                // After a restart without a checkpoint, go on from the group's committed offsets, not from the start.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        config.kafkaClient().forEach((key, value) -> builder.setProperty(key, value.toString()));
        return builder.build();
    }

    private static <T> KafkaSink<T> sink(JobConfig config, KafkaRecordSerializationSchema<T> serializer, TopicSpec topic,
                                         String suffix) {
        boolean exactlyOnce = config.delivery() == JobConfig.Delivery.EXACTLY_ONCE;
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "0")
                // The broker caps transactions at 15 min; the client default of 1 h is refused.
                .setProperty("transaction.timeout.ms", "600000");
        if (topic.maxMessageBytes() > 0) {
            builder.setProperty("max.request.size", Integer.toString(topic.maxMessageBytes()));
        }
        if (exactlyOnce) {
            builder.setTransactionalIdPrefix(config.transactionalIdPrefix() + suffix);
        }
        config.kafkaClient().forEach((key, value) -> builder.setProperty(key, value.toString()));
        return builder.build();
    }
}
