package dev.encore.bench.micro;

import dev.encore.model.eval.RankerTrainer;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.Evidence;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.RankingFeatures;
import dev.encore.model.live.RankingNet;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.live.WeightedTracks;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.EventType;
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
 * for repeats, 50 trending tracks, 50 tracks of the artist; then the ranker's net (of the shape {@code train} learns)
 * over each candidate's features with a model score per candidate, the artist cap and the top 20. Ids have the length of
 * 30Music's. Run: {@code benchmarks/bin/encore-bench micro CandidatesBenchmark -f 1 -wi 5 -i 5 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class CandidatesBenchmark {
    private final CandidateAssembler assembler = new CandidateAssembler(50);
    private final Ranker ranker = new Ranker(learnedShape(), 20, 2);
    private Evidence template;
    private Evidence evidence;
    private Candidate[] candidates;
    private float[] logits;

    /** Nets of the learned shape, random weights: their cost does not depend on the values. */
    private static RankingWeights learnedShape() {
        Random random = new Random(3);
        float[][] hidden = new float[RankerTrainer.HIDDEN][RankingFeatures.COUNT];
        float[] bias = new float[RankerTrainer.HIDDEN];
        float[] out = new float[RankerTrainer.HIDDEN];
        float[] linear = new float[RankingFeatures.COUNT];
        for (int k = 0; k < hidden.length; k++) {
            for (int j = 0; j < RankingFeatures.COUNT; j++) {
                hidden[k][j] = (float) random.nextGaussian();
            }
            bias[k] = (float) random.nextGaussian();
            out[k] = (float) random.nextGaussian();
        }
        for (int j = 0; j < linear.length; j++) {
            linear[j] = (float) random.nextGaussian();
        }
        RankingNet net = new RankingNet(linear, hidden, bias, out);
        return new RankingWeights(net, net);
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(7);
        String[] history = new String[50];
        String[] artists = new String[50];
        byte[] types = new byte[50];
        for (int i = 0; i < 50; i++) {
            history[i] = Integer.toString(3_000_000 + random.nextInt(300));
            artists[i] = Integer.toString(100_000 + random.nextInt(60));
            types[i] = (byte) (random.nextInt(10) == 0 ? EventType.SKIP : EventType.PLAY).ordinal();
        }
        String[] neighbours = new String[50];
        String[] neighbourArtists = new String[50];
        float[] weights = new float[50];
        for (int i = 0; i < 50; i++) {
            neighbours[i] = Integer.toString(4_000_000 + i);
            neighbourArtists[i] = Integer.toString(100_000 + random.nextInt(60));
            weights[i] = random.nextFloat();
        }
        String[] byArtist = new String[50];
        String[] artistOfThem = new String[50];
        float[] plays = new float[50];
        for (int i = 0; i < 50; i++) {
            byArtist[i] = Integer.toString(5_000_000 + i);
            artistOfThem[i] = artists[49];
            plays[i] = 50 - i;
        }
        String[] hot = new String[50];
        String[] hotArtists = new String[50];
        float[] counts = new float[50];
        for (int i = 0; i < 50; i++) {
            hot[i] = Integer.toString(6_000_000 + i);
            hotArtists[i] = Integer.toString(100_000 + random.nextInt(60));
            counts[i] = 100 - i;
        }
        template = new Evidence(history[49], history, artists, types, new String[] {history[3]},
                new WeightedTracks(neighbours, neighbourArtists, weights), new WeightedTracks(byArtist, artistOfThem, plays),
                new TrendingSnapshot(1, hot, hotArtists, counts));
        freshEvidence();
        logits = new float[candidates.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
    }

    /**
     * Fresh copies of the ids a trigger brings (made outside the timing), as the job's candidate stage gets them just
     * deserialised, their hashes not yet computed; the trending snapshot is the broadcast one, the same objects for
     * every trigger. The candidates that {@link #rerank} reads are assembled from them, as in the job.
     */
    @Setup(Level.Invocation)
    public void freshEvidence() {
        evidence = new Evidence(fresh(template.justPlayed()), fresh(template.historyTracks()), fresh(template.historyArtists()),
                template.historyTypes(), fresh(template.skippedInSession()), fresh(template.neighbours()),
                fresh(template.artistTracks()), template.trending());
        candidates = candidates();
    }

    private static WeightedTracks fresh(WeightedTracks tracks) {
        return new WeightedTracks(fresh(tracks.tracks()), fresh(tracks.artists()), tracks.weights());
    }

    private static String[] fresh(String[] ids) {
        String[] copies = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            copies[i] = fresh(ids[i]);
        }
        return copies;
    }

    private static String fresh(String id) {
        return new String(id.toCharArray());
    }

    @Benchmark
    public Candidate[] candidates() {
        return assembler.assemble(evidence, Exclusions.SKIPPED_AND_JUST_PLAYED.of(evidence.justPlayed(), evidence.skippedInSession()));
    }

    @Benchmark
    public RankedItem[] rerank() {
        return ranker.rank(candidates, logits, evidence.historyArtists(), evidence.justPlayed());
    }
}
