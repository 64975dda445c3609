package dev.encore.bench.micro;

import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.schema.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The attention model scoring candidates for batches of users (50-event histories of real tracks), on the newest
 * model under {@code encore.models.dir} (default: {@code models}). One call per invocation: divide the time by
 * the batch size for the cost per user. Every invocation gets fresh copies of the ids (made outside the timing), as
 * the job hands in ids it has just deserialised: the vocabulary's own string objects would be found by identity with
 * their hashes cached, which made the lookups look free. Run, for example:
 * {@code benchmarks/bin/encore-bench micro ScoringBenchmark -p batch=1,32 -p candidates=200 -f 1 -wi 3 -i 5 -jvmArgsAppend -Dencore.models.dir=models}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
public class ScoringBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    @Param({"100", "200", "500"})
    public int candidates;

    private ModelArtifact.Loaded loaded;
    private Scorer scorer;
    private List<Scorer.Request> template;
    private List<Scorer.Request> requests;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path models = Path.of(System.getProperty("encore.models.dir",
                Path.of(System.getProperty("encore.home", ".")).resolve("models").toString()));
        Path dir = ModelArtifact.newestIn(models).orElseThrow(() -> new IllegalStateException("no model under " + models
                + ": train one first (model-server/bin/encore-model train)"));
        loaded = ModelArtifact.load(dir);
        scorer = new SasRecScorer(loaded.model(), loaded.manifest().modelVersion());
        int vocabulary = loaded.model().vocabulary().size();
        template = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            List<SequenceInput.Event> history = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                history.add(new SequenceInput.Event(loaded.model().vocabulary().trackId(2 + (b * 53 + i * 7) % (vocabulary - 2)), EventType.PLAY));
            }
            List<String> tracks = new ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                tracks.add(loaded.model().vocabulary().trackId(2 + (b * 31 + c * 13) % (vocabulary - 2)));
            }
            template.add(new Scorer.Request(history, tracks));
        }
    }

    @Setup(Level.Invocation)
    public void freshIds() {
        requests = new ArrayList<>(template.size());
        for (Scorer.Request request : template) {
            List<SequenceInput.Event> history = new ArrayList<>(request.sequence().size());
            for (SequenceInput.Event event : request.sequence()) {
                history.add(new SequenceInput.Event(fresh(event.trackId()), fresh(event.artistId()), event.type()));
            }
            requests.add(new Scorer.Request(history, request.candidates().stream().map(ScoringBenchmark::fresh).toList(),
                    request.candidateArtists().stream().map(ScoringBenchmark::fresh).toList()));
        }
    }

    /** Equal characters in a new object whose hash is not computed yet, as a deserialised string. */
    private static String fresh(String id) {
        return new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.close();
    }

    /** What the job asks per batch by default ({@code candidates.model-top-k=0}): the candidates' scores. */
    @Benchmark
    public List<float[]> score() {
        return scorer.score(requests);
    }

    /** What the job asks with {@code candidates.model-top-k=50}: also the model's own top 50 of the whole catalogue. */
    @Benchmark
    public List<Scorer.Ranked> scoreAndTop() {
        return scorer.scoreAndTop(requests, 50);
    }
}
