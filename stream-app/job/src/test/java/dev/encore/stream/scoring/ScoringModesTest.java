package dev.encore.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.serve.ModelService;
import dev.encore.model.testing.TinyModels;
import dev.encore.schema.EventType;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.encore.model.testing.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded and remote scoring run the same calls on the same model and must rank alike. */
class ScoringModesTest {
    @TempDir
    Path models;

    @Test
    void embeddedAndRemoteScoringGiveTheSameCandidatesScoresAndRanking() throws Exception {
        List<CandidateSet> sets = sets();
        onBothPaths((embedded, http) -> {
            List<ScoredSet> local = ModelCalls.score(embedded, v -> RankingWeights.DEFAULT, sets, 20);
            List<ScoredSet> remote = ModelCalls.score(http, v -> RankingWeights.DEFAULT, sets, 20);

            Ranker ranker = new Ranker(RankingWeights.DEFAULT, 10, 2);
            for (int i = 0; i < sets.size(); i++) {
                List<String> localTracks = Arrays.stream(local.get(i).set().candidates()).map(Candidate::trackId).toList();
                assertEquals(localTracks, Arrays.stream(remote.get(i).set().candidates()).map(Candidate::trackId).toList());
                assertFalse(localTracks.contains(sets.get(i).triggerTrackId()), "the just-played track is never a model candidate");
                assertArrayEquals(local.get(i).modelScores(), remote.get(i).modelScores(), 1e-5f);
                assertEquals("new-track-" + i, localTracks.get(10 + i));
                assertFalse(Float.isNaN(local.get(i).modelScores()[10 + i]), "a new track by a known artist gets a model score");
                assertEquals("tiny-v1", remote.get(i).modelVersion());
                assertEquals(Arrays.stream(rank(ranker, local.get(i))).map(RankedItem::trackId).toList(),
                        Arrays.stream(rank(ranker, remote.get(i))).map(RankedItem::trackId).toList());
            }
        });
    }

    @Test
    void withoutModelCandidatesBothPathsOnlyRescoreTheSourcesCandidates() throws Exception {
        List<CandidateSet> sets = sets();
        onBothPaths((embedded, http) -> {
            List<ScoredSet> withTop = ModelCalls.score(embedded, v -> RankingWeights.DEFAULT, sets, 20);
            List<ScoredSet> local = ModelCalls.score(embedded, v -> RankingWeights.DEFAULT, sets, 0);
            List<ScoredSet> remote = ModelCalls.score(http, v -> RankingWeights.DEFAULT, sets, 0);
            for (int i = 0; i < sets.size(); i++) {
                Candidate[] asked = sets.get(i).candidates();
                for (ScoredSet scored : List.of(local.get(i), remote.get(i))) {
                    assertEquals(Arrays.stream(asked).map(Candidate::trackId).toList(),
                            Arrays.stream(scored.set().candidates()).map(Candidate::trackId).toList(), "no model candidate is added");
                    assertArrayEquals(Arrays.copyOf(withTop.get(i).modelScores(), asked.length), scored.modelScores(), 1e-5f,
                            "the sources' candidates are scored as when the model also searches the catalogue");
                }
                assertTrue(withTop.get(i).set().candidates().length > asked.length, "with k = 20 the model adds its own tracks");
            }
        });
    }

    @Test
    void remoteListsAreRankedWithTheWeightsOfTheVersionTheServerScoredWithAcrossItsHotSwap() throws Exception {
        RankingWeights first = RankingWeights.blend(1f, 0f, 0.5f, 0f, 0.25f);
        RankingWeights second = RankingWeights.blend(0.2f, 1f, 0f, 0.3f, 0.5f);
        RankingWeights atStart = RankingWeights.DEFAULT;
        TinyModels.saveAs(models, "tiny-v1", first);
        List<CandidateSet> sets = sets();
        try (ModelService server = ModelService.start(models, 0, 16, Duration.ofMillis(2), Duration.ofMinutes(10))) {
            HttpScorer http = new HttpScorer("http://127.0.0.1:" + server.port(), Duration.ofSeconds(10));
            RemoteRankings rankings = new RemoteRankings(http, atStart);

            for (ScoredSet scored : ModelCalls.score(http, rankings::of, sets, 0)) {
                assertEquals("tiny-v1", scored.modelVersion());
                assertEquals(first, scored.weights());
            }
            TinyModels.saveAs(models, "tiny-v2", second);
            assertTrue(server.checkForNewModel());
            for (ScoredSet scored : ModelCalls.score(http, rankings::of, sets, 0)) {
                assertEquals("tiny-v2", scored.modelVersion());
                assertEquals(second, scored.weights(), "the new version's own weights, not those read at start");
            }
            assertEquals(atStart, rankings.of("tiny-v0"), "a version the server never had: the weights read at start");
        }
    }

    /** What a test checks with the same tiny model embedded and behind a model server. */
    private interface BothPaths {
        void check(SasRecScorer embedded, HttpScorer remote) throws Exception;
    }

    private void onBothPaths(BothPaths test) throws Exception {
        TinyModels.saveAs(models, "tiny-v1");
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(models.resolve("tiny-v1"));
             ModelService server = ModelService.start(models, 0, 16, Duration.ofMillis(2), Duration.ofMinutes(10))) {
            test.check(new SasRecScorer(loaded.model(), "tiny-v1"), new HttpScorer("http://127.0.0.1:" + server.port(), Duration.ofSeconds(10)));
        }
    }

    /** Eight users with histories and candidates of real tracks, one of them new to the model. */
    private static List<CandidateSet> sets() {
        List<String> tracks = TinyModels.tracks(60);
        Map<String, String> artistOf = new HashMap<>();
        SampleData.events().forEach(e -> artistOf.putIfAbsent(e.trackId(), e.artistId()));
        List<CandidateSet> sets = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            String[] history = tracks.subList(u, u + 5 + u).toArray(String[]::new);
            String[] artists = Arrays.stream(history).map(artistOf::get).toArray(String[]::new);
            byte[] types = new byte[history.length];
            Arrays.fill(types, (byte) EventType.PLAY.ordinal());
            List<Candidate> candidates = new ArrayList<>(tracks.subList(30, 30 + 10 + u).stream()
                    .map(t -> new Candidate(t, artistOf.get(t), signal(Source.CO_LISTENING, t.length())))
                    .toList());
            // A track released after training, by an artist the model knows: scored through the artist.
            candidates.add(new Candidate("new-track-" + u, artistOf.get(tracks.get(u)), signal(Source.SAME_ARTIST, 1)));
            sets.add(new CandidateSet("u" + u, "e" + u, history[history.length - 1], 0, 0, 1,
                    new AnsweredEvent[] {new AnsweredEvent(history[history.length - 1], EventType.PLAY, "", 0)}, history,
                    artists, types, new String[] {history[history.length - 1]}, candidates.toArray(Candidate[]::new), ""));
        }
        return sets;
    }

    private static RankedItem[] rank(Ranker ranker, ScoredSet scored) {
        return ranker.rank(scored.set().candidates(), scored.modelScores(), scored.set().historyArtists(), scored.set().triggerTrackId());
    }

    private static float[] signal(Source source, float value) {
        float[] evidence = new float[Source.COUNT];
        evidence[source.ordinal()] = value;
        return evidence;
    }
}
