package dev.encore.stream.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.Candidate;
import dev.encore.model.methods.RankingWeights;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

class ImmutableRecordsTest {

    private static final TypeSerializer<ScoredSet> SERIALIZER =
            TypeInformation.of(ScoredSet.class).createSerializer(new SerializerConfigImpl());

    private static ScoredSet scoredSet() {
        Candidate[] candidates = {
                new Candidate("t1", "a1", new float[] {1f, 0f, 0.5f, 0f, 0f}),
                new Candidate("t2", "", new float[] {0f, 2f, 0f, 0f, 0f})};
        CandidateSet set = new CandidateSet("u1", "e9", "t0", 1_700_000_000_000L, 1_700_000_000_100L, 7L,
                new AnsweredEvent[0], new String[] {"t0"}, new String[] {"a0"}, new byte[] {0}, new String[] {"t0"},
                candidates, "");
        return ScoredSet.scored(set, new float[] {0.5f, Float.NaN}, "sasrec-1", RankingWeights.blend(1f, 0f, 0.5f, 0f, 0.25f));
    }

    private static byte[] bytes(TypeSerializer<ScoredSet> serializer, ScoredSet value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(512);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aCopyIsTheRecordItself() {
        ScoredSet value = scoredSet();
        assertSame(value, SERIALIZER.copy(value));
        assertSame(value, SERIALIZER.copy(value, null));
        assertTrue(SERIALIZER.isImmutableType());
    }

    @Test
    void theBytesAreThoseOfThePojoSerializerAndReadBackEqual() throws Exception {
        var info = assertInstanceOf(ImmutableRecordTypeInfo.class, TypeInformation.of(ScoredSet.class));
        assertInstanceOf(PojoTypeInfo.class, info.pojo());
        @SuppressWarnings("unchecked")
        TypeSerializer<ScoredSet> pojo = ((TypeInformation<ScoredSet>) info.pojo()).createSerializer(new SerializerConfigImpl());
        ScoredSet value = scoredSet();
        byte[] written = bytes(SERIALIZER, value);
        assertArrayEquals(bytes(pojo, value), written);

        ScoredSet read = SERIALIZER.deserialize(new DataInputDeserializer(written));
        assertNotSame(value, read);
        assertArrayEquals(written, bytes(SERIALIZER, read));
        assertEquals("t2", read.set().candidates()[1].trackId());
        assertTrue(Float.isNaN(read.modelScores()[1]));
    }

    @Test
    void itsSnapshotRestoresTheSameSerializerAndIsCompatibleAsIs() throws Exception {
        TypeSerializerSnapshot<ScoredSet> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<ScoredSet> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertEquals(SERIALIZER, read.restoreSerializer());
        assertTrue(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs());
    }

    @Test
    void aCheckpointFromBeforeTheRecordWasTypedImmutableRestoresAsIs() throws Exception {
        TypeSerializer<ScoredSet> before = ImmutableRecords.pojoOf(ScoredSet.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, before.snapshotConfiguration());
        TypeSerializerSnapshot<ScoredSet> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertInstanceOf(PojoSerializerSnapshot.class, old);

        assertTrue(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAsIs());
        ScoredSet value = scoredSet();
        assertArrayEquals(bytes(before, value), bytes(SERIALIZER, SERIALIZER.deserialize(new DataInputDeserializer(bytes(before, value)))));
    }

    @Test
    void aTypeThatIsNotARecordIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ImmutableRecords<>().createTypeInfo(String.class, java.util.Map.of()));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    /** What a chained operator received: the very object its predecessor emitted? */
    @TypeInfo(ImmutableRecords.class)
    public record Passed(long n, String[] tracks) {
    }

    /** The same record without the annotation: what Flink does with every other type. */
    public record Copied(long n, String[] tracks) {
    }

    @Test
    void chainedOperatorsHandOnTheEmittedRecordWithoutCopyingIt() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Without object reuse (the job's setting) Flink copies a record at each chained edge.
        assertTrue(!env.getConfig().isObjectReuseEnabled());
        List<String> received = new ArrayList<>();
        try (CloseableIterator<String> results = env.fromSequence(1, 3)
                .map(n -> Emitted.remember(new Passed(n, new String[] {"t" + n}))).returns(Passed.class)
                .map(p -> (p == Emitted.passed ? "same" : "copy") + p.tracks()[0]).returns(String.class)
                .executeAndCollect()) {
            results.forEachRemaining(received::add);
        }
        assertEquals(List.of("samet1", "samet2", "samet3"), received);

        received.clear();
        try (CloseableIterator<String> results = env.fromSequence(1, 3)
                .map(n -> Emitted.remember(new Copied(n, new String[] {"t" + n}))).returns(Copied.class)
                .map(c -> (c == Emitted.copied ? "same" : "copy") + c.tracks()[0]).returns(String.class)
                .executeAndCollect()) {
            results.forEachRemaining(received::add);
        }
        assertEquals(List.of("copyt1", "copyt2", "copyt3"), received);
    }

    /** The last record the first map emitted (one subtask, one JVM). */
    static final class Emitted {
        static volatile Passed passed;
        static volatile Copied copied;

        static Passed remember(Passed p) {
            passed = p;
            return p;
        }

        static Copied remember(Copied c) {
            copied = c;
            return c;
        }
    }
}
