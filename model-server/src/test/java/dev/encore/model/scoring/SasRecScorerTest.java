package dev.encore.model.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracks the model never saw are scored through their artists, alike on both of the scorer's paths. */
class SasRecScorerTest {

    @Test
    void aNewTrackIsScoredByItsArtistTheSameWayOnBothPaths() {
        List<Interaction> events = SampleData.events().subList(0, 40);
        List<SequenceInput.Event> history = events.subList(0, 10).stream()
                .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList();
        String artistA = events.get(0).artistId();
        String artistB = events.stream().map(Interaction::artistId).filter(a -> !a.equals(artistA)).findFirst().orElseThrow();
        Scorer.Request request = new Scorer.Request(history,
                List.of(events.get(20).trackId(), "new-track", "new-track", "new-track"),
                List.of(events.get(20).artistId(), artistA, artistB, "no-such-artist"));
        SasRecScorer scorer = new SasRecScorer(TinyModels.trained().model(), "tiny");

        float[] byCandidates = scorer.score(List.of(request)).get(0);
        float[] byFullPass = scorer.scoreAndTop(List.of(request), 5).get(0).scores();

        assertArrayEquals(byCandidates, byFullPass, 1e-4f, "the candidate path and the full pass must agree");
        assertFalse(Float.isNaN(byCandidates[1]), "a new track by a known artist gets a score");
        assertNotEquals(byCandidates[1], byCandidates[2], "and that score depends on the artist");
        assertTrue(Float.isNaN(byCandidates[3]), "a new track by an unknown artist gets no opinion");
        assertEquals(3, scorer.unknownTracks() / 2, "each path counts the three unknown tracks");
    }

    @Test
    void aBatchScoresEachRequestAsItWouldBeScoredAlone() {
        List<Interaction> events = SampleData.events().subList(3000, 3400);
        SasRecScorer scorer = new SasRecScorer(TinyModels.trained().model(), "tiny");
        List<Scorer.Request> requests = new java.util.ArrayList<>();
        for (int r = 0; r < 8; r++) {
            List<SequenceInput.Event> history = events.subList(r * 40, r * 40 + 3 + 4 * r).stream()
                    .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList();
            List<Interaction> candidates = events.subList(r * 40 + 20, r * 40 + 30);
            requests.add(new Scorer.Request(history, candidates.stream().map(Interaction::trackId).toList(),
                    candidates.stream().map(Interaction::artistId).toList()));
        }
        List<Scorer.Ranked> together = scorer.scoreAndTop(requests, 20);
        for (int r = 0; r < requests.size(); r++) {
            Scorer.Ranked alone = scorer.scoreAndTop(List.of(requests.get(r)), 20).get(0);
            assertArrayEquals(alone.scores(), together.get(r).scores(), 1e-4f, "scores of request " + r);
            assertEquals(alone.top().stream().map(Scorer.ScoredTrack::trackId).toList(),
                    together.get(r).top().stream().map(Scorer.ScoredTrack::trackId).toList(), "top tracks of request " + r);
        }
    }

    @Test
    void scoringReadsOnlyTheNewestEventsOfALongHistory() {
        List<SequenceInput.Event> history = SampleData.events().subList(100, 118).stream()
                .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList();
        List<Interaction> candidates = SampleData.events().subList(200, 210);
        List<String> tracks = candidates.stream().map(Interaction::trackId).toList();
        List<String> artists = candidates.stream().map(Interaction::artistId).toList();
        SasRecScorer readingFive = new SasRecScorer(TinyModels.trained().model(), "tiny", 5);
        SasRecScorer readingAll = new SasRecScorer(TinyModels.trained().model(), "tiny", 20);

        float[] long5 = readingFive.scoreAndTop(List.of(new Scorer.Request(history, tracks, artists)), 5).get(0).scores();
        float[] short5 = readingFive.score(List.of(new Scorer.Request(history.subList(13, 18), tracks, artists))).get(0);
        float[] longAll = readingAll.score(List.of(new Scorer.Request(history, tracks, artists))).get(0);

        assertArrayEquals(short5, long5, 1e-5f, "an 18-event history is scored as its newest 5");
        assertFalse(java.util.Arrays.equals(long5, longAll), "reading more events changes the scores");
    }
}
