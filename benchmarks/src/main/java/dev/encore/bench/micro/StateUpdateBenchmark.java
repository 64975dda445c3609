package dev.encore.bench.micro;

import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.model.live.UserSequence;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One event's state update in the sequence stage as RocksDB sees it: read the user's 50-event sequence
 * (deserialise), add the event, write it back (serialise). RocksDB's own I/O is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class StateUpdateBenchmark {
    private TypeSerializer<UserSequence> serializer;
    private byte[] stored;
    private List<PlayEvent> events;
    private int next;
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<Listen> listens = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(SerdeBenchmark.Samples.sample())).listens();
        events = listens.stream().limit(5000).map(l -> {
            var e = l.toUserEvent();
            return new PlayEvent(e.getEventId(), "u", e.getTrackId(), e.getArtistId(), e.getType(), e.getEventTime().toEpochMilli(), 0, 0, "", 0);
        }).toList();
        serializer = TypeInformation.of(UserSequence.class).createSerializer(new SerializerConfigImpl());
        UserSequence sequence = UserSequence.EMPTY;
        for (int i = 0; i < 50; i++) {
            sequence = with(sequence, events.get(i));
        }
        out.clear();
        serializer.serialize(sequence, out);
        stored = out.getCopyOfBuffer();
    }

    private static UserSequence with(UserSequence sequence, PlayEvent e) {
        return sequence.with(e.trackId(), e.artistId(), e.type(), e.eventTime(), 50);
    }

    @Benchmark
    public byte[] readAddWrite() throws Exception {
        in.setBuffer(stored);
        UserSequence sequence = serializer.deserialize(in);
        next = (next + 1) % events.size();
        UserSequence after = with(sequence, events.get(next));
        out.clear();
        serializer.serialize(after, out);
        return out.getSharedBuffer();
    }
}
