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
    private final AtomicLong unknown = new AtomicLong();

    public SasRecScorer(SasRecModel model, String version) {
        this.model = model;
        this.version = version;
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
        List<long[]> candidateIds = new ArrayList<>(requests.size());
        for (Request request : requests) {
            long[] ids = new long[request.candidates().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.id(request.candidates().get(i));
                if (ids[i] == ItemVocabulary.OUT_OF_VOCABULARY) {
                    unknown.incrementAndGet();
                }
            }
            candidateIds.add(ids);
        }
        List<float[]> scores = model.candidateScores(requests.stream().map(Request::sequence).toList(), candidateIds);
        for (int r = 0; r < scores.size(); r++) {
            for (int i = 0; i < scores.get(r).length; i++) {
                if (candidateIds.get(r)[i] == ItemVocabulary.OUT_OF_VOCABULARY) {
                    scores.get(r)[i] = Float.NaN;
                }
            }
        }
        return scores;
    }

    @Override
    public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
        float[][] logits = model.logits(sequences);
        List<List<ScoredTrack>> result = new ArrayList<>(sequences.size());
        for (float[] row : logits) {
            result.add(best(row, k));
        }
        return result;
    }

    /** One pass of the model: every track's logit, read at the candidates and searched for the best k. */
    @Override
    public List<Ranked> scoreAndTop(List<Request> requests, int k) {
        if (requests.isEmpty()) {
            return List.of();
        }
        float[][] logits = model.logits(requests.stream().map(Request::sequence).toList());
        ItemVocabulary vocabulary = model.vocabulary();
        List<Ranked> result = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            List<String> candidates = requests.get(r).candidates();
            float[] scores = new float[candidates.size()];
            for (int c = 0; c < scores.length; c++) {
                int id = vocabulary.id(candidates.get(c));
                if (id == ItemVocabulary.OUT_OF_VOCABULARY) {
                    unknown.incrementAndGet();
                    scores[c] = Float.NaN;
                } else {
                    scores[c] = logits[r][id];
                }
            }
            result.add(new Ranked(scores, best(logits[r], k)));
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
        model.close();
    }
}
