package dev.encore.stream.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Evidence;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.JobReplica;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.model.testing.TinyModels;
import dev.encore.schema.UserEvent;
import dev.encore.stream.JobConfig;
import dev.encore.stream.colisten.ArtistTracksFunction;
import dev.encore.stream.colisten.CoListeningFunction;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.rank.RankedList;
import dev.encore.stream.rank.RerankFunction;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.RecommendFunction;
import dev.encore.stream.scoring.ModelCalls;
import dev.encore.stream.scoring.ScoredSet;
import dev.encore.stream.sequence.CoListeningInput;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.sequence.UserSequenceFunction;
import dev.encore.stream.testing.JobTestBed;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The ranking we evaluate is the ranking the job emits: real events go through the evaluation's path
 * ({@link JobReplica} + {@link LiveRecommender}) and, one by one, through the job's own operators in test
 * harnesses (sequence, co-listening, artist tracks, order + candidates, model calls, rerank), with the job's
 * default settings and a real (tiny) model. Every trigger's list must be the same: same tracks, same order, same
 * labels.
 */
class ParityTest {
    private static final int EVENTS = 2500;
    /** Every source weighs something, so that every source's path is compared. */
    private static final RankingWeights WEIGHTS = RankingWeights.blend(1f, 0.5f, 1f, 0.5f, 1f);

    @Test
    void theJobsOperatorsAndTheEvaluationMakeTheSameListForEveryTrigger() throws Exception {
        JobConfig config = JobConfig.defaultsOnly();
        var settings = config.liveSettings();
        Scorer scorer = new SasRecScorer(TinyModels.trained().model(), "tiny");
        JobReplica replica = new JobReplica(settings);
        LiveRecommender offline = new LiveRecommender("offline", settings, WEIGHTS, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED);

        try (var sequence = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                     new UserSequenceFunction(config.sessionGap(), config.stateTtl()),
                     PlayEvent::userId, Types.STRING);
             var coListening = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                     new CoListeningFunction(config.maxNeighbours(), config.candidatesPerSource(), config.stateTtl()),
                     CoListeningInput::key, Types.STRING);
             var artists = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                     new ArtistTracksFunction(config.artistMaxTracks(), config.candidatesPerSource(), config.stateTtl()),
                     Trigger::artistId, Types.STRING);
             var candidates = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                     new RecommendFunction(new CandidateAssembler(config.candidatesPerSource()), config.sequenceLength(),
                             config.sessionGap(), config.coalesceWindow(), config.stateTtl(), config.arms()), Trigger::userId, Types.STRING, RecommendFunction.TRENDING);
             var rerank = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                     new RerankFunction(new Ranker(WEIGHTS, config.topK(), config.artistCap()), config.stateTtl()),
                     (ScoredSet s) -> s.set().userId(), Types.STRING)) {
            int compared = 0;
            int nonEmpty = 0;
            Set<Source> labels = EnumSet.noneOf(Source.class);
            long trendingEnd = Long.MIN_VALUE;
            for (UserEvent event : JobTestBed.realEvents(EVENTS)) {
                Evidence evidence = replica.observe(Interaction.of(event, ""), true);
                List<RankedItem> expected = Arrays.asList(offline.recommend(evidence));

                long time = event.getEventTime().toEpochMilli();
                sequence.processElement(new StreamRecord<>(new PlayEvent(event.getEventId(), event.getUserId(),
                        event.getTrackId(), event.getArtistId(), event.getType(), time, event.getPlayedMs(), time, "", 0), time));
                // The event's pairs, then its trigger, in the order the sequence stage sends them.
                for (CoListeningInput input : sequence.extractOutputValues()) {
                    coListening.processElement(new StreamRecord<>(input));
                }
                sequence.getOutput().clear();
                artists.processElement(new StreamRecord<>(take(coListening.extractOutputValues(), coListening.getOutput())));
                // The trending snapshot in force is the evaluation's; its windows are the job's sliding windows.
                if (evidence.trending().windowEnd() > trendingEnd) {
                    trendingEnd = evidence.trending().windowEnd();
                    candidates.processBroadcastElement(new StreamRecord<>(evidence.trending()));
                }
                candidates.processElement(new StreamRecord<>(take(artists.extractOutputValues(), artists.getOutput())));
                CandidateSet set = take(candidates.extractOutputValues(), candidates.getOutput());
                ScoredSet scored = ModelCalls.score(scorer, version -> WEIGHTS, List.of(set), config.modelTopK()).get(0);
                rerank.processElement(new StreamRecord<>(scored));
                RankedList emitted = take(rerank.extractOutputValues(), rerank.getOutput());

                List<RankedItem> actual = Arrays.asList(emitted.items());
                assertEquals(describe(expected), describe(actual), "list after event " + event.getEventId());
                compared++;
                nonEmpty += actual.isEmpty() ? 0 : 1;
                actual.forEach(item -> labels.add(item.source()));
            }
            assertEquals(EVENTS, compared);
            assertTrue(nonEmpty > EVENTS * 9 / 10, "lists with items: " + nonEmpty);
            assertEquals(EnumSet.allOf(Source.class), labels, "every source led some item");
        }
    }

    private static <T> T take(List<T> values, java.util.Collection<?> output) {
        assertEquals(1, values.size(), "one record per event");
        output.clear();
        return values.get(0);
    }

    private static List<String> describe(List<RankedItem> items) {
        return items.stream().map(i -> i.trackId() + "/" + i.source() + "/" + i.artistId()).toList();
    }
}
