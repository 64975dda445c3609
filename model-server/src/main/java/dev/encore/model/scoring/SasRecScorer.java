package dev.encore.model.scoring;

import dev.encore.model.sasrec.ItemVocabulary;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.sasrec.SequenceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Scorer} over the attention model: candidates are scored against their own embeddings only. */
public final class SasRecScorer implements Scorer {
    private final SasRecModel model;
    private final String version;
    private final boolean ownsModel;
    private final AtomicLong unknown = new AtomicLong();

    /** A scorer that owns {@code model}: closing it closes the model. */
    public SasRecScorer(SasRecModel model, String version) {
        this(model, version, true);
    }

    private SasRecScorer(SasRecModel model, String version, boolean ownsModel) {
        this.model = model;
        this.version = version;
        this.ownsModel = ownsModel;
    }

    /** A scorer over a model someone else closes. */
    public static SasRecScorer borrowing(SasRecModel model, String version) {
        return new SasRecScorer(model, version, false);
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public List<float[]> score(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        ItemVocabulary vocabulary = model.vocabulary();
        List<long[]> trackIds = new ArrayList<>(requests.size());
        List<long[]> artistIds = new ArrayList<>(requests.size());
        for (Request request : requests) {
            long[] tracks = new long[request.candidates().size()];
            long[] artists = new long[tracks.length];
            for (int i = 0; i < tracks.length; i++) {
                int id = vocabulary.id(request.candidates().get(i));
                tracks[i] = id;
                artists[i] = artistOf(vocabulary, id, request.candidateArtists().get(i));
            }
            trackIds.add(tracks);
            artistIds.add(artists);
        }
        List<float[]> scores = model.candidateScores(requests.stream().map(Request::sequence).toList(), trackIds, artistIds);
        for (int r = 0; r < scores.size(); r++) {
            for (int i = 0; i < scores.get(r).length; i++) {
                if (artistIds.get(r)[i] == ItemVocabulary.UNKNOWN_ARTIST && trackIds.get(r)[i] == ItemVocabulary.OUT_OF_VOCABULARY) {
                    scores.get(r)[i] = Float.NaN;
                }
            }
        }
        return scores;
    }

    /** The artist id the model reads for a candidate: the vocabulary's for a known track, else the caller's. */
    private long artistOf(ItemVocabulary vocabulary, int trackId, String artistId) {
        if (trackId != ItemVocabulary.OUT_OF_VOCABULARY) {
            return vocabulary.artistIndexOf(trackId);
        }
        unknown.incrementAndGet();
        return vocabulary.artistIndex(artistId);
    }

    @Override
    public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
        float[][] logits = model.logits(sequences).tracks();
        List<List<ScoredTrack>> result = new ArrayList<>(sequences.size());
        for (float[] row : logits) {
            result.add(best(row, k));
        }
        return result;
    }

    /** One pass of the model: every track's and artist's logit, read at the candidates and searched for the best k. */
    @Override
    public List<Ranked> scoreAndTop(List<Request> requests, int k) {
        if (requests.isEmpty()) {
            return List.of();
        }
        SasRecModel.Logits logits = model.logits(requests.stream().map(Request::sequence).toList());
        ItemVocabulary vocabulary = model.vocabulary();
        List<Ranked> result = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            float[] scores = new float[request.candidates().size()];
            for (int c = 0; c < scores.length; c++) {
                int id = vocabulary.id(request.candidates().get(c));
                scores[c] = logits.score(r, id, (int) artistOf(vocabulary, id, request.candidateArtists().get(c)));
            }
            result.add(new Ranked(scores, best(logits.tracks()[r], k)));
        }
        return result;
    }

    private List<ScoredTrack> best(float[] row, int k) {
        ItemVocabulary vocabulary = model.vocabulary();
        {
            PriorityQueue<Integer> best = new PriorityQueue<>((a, b) -> Float.compare(row[a], row[b]));
            for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < row.length; id++) {
                if (best.size() < k) {
                    best.add(id);
                } else if (row[id] > row[best.peek()]) {
                    best.poll();
                    best.add(id);
                }
            }
            List<ScoredTrack> top = new ArrayList<>(best.size());
            while (!best.isEmpty()) {
                int id = best.poll();
                top.add(0, new ScoredTrack(vocabulary.trackId(id), vocabulary.artistOf(id), row[id]));
            }
            return top;
        }
    }

    @Override
    public long unknownTracks() {
        return unknown.get();
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
