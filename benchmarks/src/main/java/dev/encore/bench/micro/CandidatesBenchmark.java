package dev.encore.bench.micro;

import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.EventType;
import dev.encore.stream.rank.RankedItem;
import dev.encore.stream.rank.Reranker;
import dev.encore.stream.recommend.Candidate;
import dev.encore.stream.recommend.CandidateAssembler;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.ContentCandidates;
import dev.encore.stream.scoring.ScoredSet;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.trending.TrendingSnapshot;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Candidate generation and re-ranking for one trigger at the job's defaults: 50 neighbours, a 50-event history
 * for repeats, 50 trending tracks; then the blend with 200 model scores, the artist cap and the top 20.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class CandidatesBenchmark {
    private final CandidateAssembler assembler = new CandidateAssembler(50, ContentCandidates.NONE);
    private final Reranker reranker = new Reranker(RankingWeights.DEFAULT, 20, 2);
    private Trigger trigger;
    private TrendingSnapshot trending;
    private ScoredSet scored;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(7);
        String[] history = new String[50];
        String[] artists = new String[50];
        byte[] types = new byte[50];
        for (int i = 0; i < 50; i++) {
            history[i] = "t" + random.nextInt(300);
            artists[i] = "a" + random.nextInt(60);
            types[i] = (byte) (random.nextInt(10) == 0 ? EventType.SKIP : EventType.PLAY).ordinal();
        }
        String[] neighbours = new String[50];
        String[] neighbourArtists = new String[50];
        float[] weights = new float[50];
        for (int i = 0; i < 50; i++) {
            neighbours[i] = "n" + i;
            neighbourArtists[i] = "a" + random.nextInt(60);
            weights[i] = random.nextFloat();
        }
        trigger = new Trigger("e", "u", history[49], artists[49], EventType.PLAY, 0, 0, 50, history, artists, types,
                new String[] {history[3]}, neighbours, neighbourArtists, weights);
        String[] hot = new String[50];
        String[] hotArtists = new String[50];
        float[] counts = new float[50];
        for (int i = 0; i < 50; i++) {
            hot[i] = "h" + i;
            hotArtists[i] = "a" + random.nextInt(60);
            counts[i] = 100 - i;
        }
        trending = new TrendingSnapshot(1, hot, hotArtists, counts);
        Candidate[] candidates = assemble().candidates();
        float[] logits = new float[candidates.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        scored = new ScoredSet(assemble(), logits, false, "m");
    }

    private CandidateSet assemble() {
        var excluded = CandidateAssembler.excluded(trigger);
        return CandidateSet.of(trigger, 1, excluded.toArray(String[]::new), assembler.assemble(trigger, trending, excluded));
    }

    @Benchmark
    public CandidateSet candidates() {
        return assemble();
    }

    @Benchmark
    public RankedItem[] rerank() {
        return reranker.rank(scored);
    }
}
