package dev.encore.bench.micro;

import dev.encore.local.Ports;
import dev.encore.local.SchemaRegistryServer;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Confluent-wire Avro encode and decode of real events (schema ids cached after the first call, as in production). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class SerdeBenchmark {
    private SchemaRegistryServer registry;
    private AvroWireCodec<UserEvent> codec;
    private List<UserEvent> events;
    private List<byte[]> encoded;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        registry = SchemaRegistryServer.start(Files.createTempDirectory("bench-registry"), Ports.findFree(), Ports.findFree());
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        client.register(Topics.EVENTS.valueSubject(), UserEvent.getClassSchema());
        codec = new AvroWireCodec<>(UserEvent.class, client, false);
        events = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(Samples.sample())).listens().stream().limit(10_000)
                .map(l -> l.toUserEvent()).toList();
        encoded = events.stream().map(e -> codec.encode(Topics.EVENTS.name(), e)).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public byte[] encode() {
        next = (next + 1) % events.size();
        return codec.encode(Topics.EVENTS.name(), events.get(next));
    }

    @Benchmark
    public UserEvent decode() {
        next = (next + 1) % encoded.size();
        return codec.decode(encoded.get(next));
    }

    /** Where the bundled sample lies. */
    static final class Samples {
        static Path sample() {
            return Path.of(System.getProperty("encore.home", ".")).resolve("deploy/sample/30music-200ks_test.0.txt");
        }
    }
}
