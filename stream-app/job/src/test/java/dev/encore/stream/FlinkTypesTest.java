package dev.encore.stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.live.UserSequence;
import dev.encore.model.live.WeightedTracks;
import dev.encore.schema.UserEvent;
import dev.encore.stream.rank.RerankFunction;
import dev.encore.stream.ingest.DeadLetter;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.ingest.RawRecord;
import dev.encore.stream.rank.RankedList;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import dev.encore.stream.sequence.CoListeningInput;
import dev.encore.stream.sequence.PairUpdate;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.testing.JobTestBed;
import dev.encore.stream.trending.TrendingCounts;
import dev.encore.stream.trending.TrackCount;
import dev.encore.stream.types.ImmutableRecordTypeInfo;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * Everything the job ships between tasks or keeps in state is a Flink POJO, never a Kryo blob (the scoring chain's
 * sets and lists as immutable records: POJO bytes, no copies between chained operators).
 */
class FlinkTypesTest {

    @Test
    void everyRecordBetweenOperatorsAndInStateIsSerializedAsPojoWithoutKryo() {
        for (Class<?> type : List.of(RawRecord.class, DeadLetter.class, PlayEvent.class, UserSequence.class, Trigger.class,
                PairUpdate.class, CoListeningInput.class, WeightedTracks.class, RerankFunction.ListInForce.class, RerankFunction.ExploredPick.class,
                dev.encore.model.live.SourceOutcomes.class, TrackCount.class, TrendingCounts.Panes.class, TrendingSnapshot.class)) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        }
    }

    @Test
    void theSetsAndListsOfTheScoringChainAreImmutableRecordsSerializedAsPojosWithoutKryo() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : List.of(CandidateSet.class, ScoredSet.class, RankedList.class)) {
            var info = assertInstanceOf(ImmutableRecordTypeInfo.class, TypeInformation.of(type), type.getName());
            assertInstanceOf(PojoTypeInfo.class, info.pojo(), type.getName());
            info.createSerializer(noKryo); // throws where a field would need Kryo
        }
    }

    @Test
    void aUsersFiftyEventSequenceTakesUnderTwoKilobytesInState() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(20_000);
        String busiest = events.stream().collect(java.util.stream.Collectors.groupingBy(UserEvent::getUserId,
                java.util.stream.Collectors.counting())).entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        UserSequence sequence = UserSequence.EMPTY;
        for (UserEvent e : events) {
            if (e.getUserId().equals(busiest)) {
                sequence = sequence.with(e.getTrackId(), e.getArtistId(), e.getType(), e.getEventTime().toEpochMilli(), 50);
            }
        }
        assertTrue(sequence.size() == 50, "the busiest user of the sample has at least 50 events");
        TypeSerializer<UserSequence> serializer = TypeInformation.of(UserSequence.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(sequence, out);
        System.out.printf("state of one user with 50 real events: %d bytes%n", out.length());
        assertTrue(out.length() <= 2048, "state bytes: " + out.length());
    }
}
