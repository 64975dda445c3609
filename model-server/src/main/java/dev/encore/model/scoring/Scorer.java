package dev.encore.model.scoring;

import dev.encore.model.sasrec.SequenceInput;
import java.util.List;

/**
 * The one scoring interface: the stream job (embedded or remote), the model server and the evaluation all
 * score through it. Implementations are thread-safe. A track id the model does not know is scored through its
 * artist where the model knows that, else NaN (no opinion, never an error: the ranking gives it no model term);
 * both are counted in {@link #unknownTracks()}.
 */
public interface Scorer extends AutoCloseable {

    /**
     * A user's recent events (oldest first) and the tracks to score for them, each with its artist ("" where not
     * known): a track the model never saw is scored through its artist.
     */
    record Request(List<SequenceInput.Event> sequence, List<String> candidates, List<String> candidateArtists) {
        public Request {
            sequence = List.copyOf(sequence);
            candidates = List.copyOf(candidates);
            candidateArtists = List.copyOf(candidateArtists);
            if (candidateArtists.size() != candidates.size()) {
                throw new IllegalArgumentException(candidates.size() + " candidates but " + candidateArtists.size() + " artists");
            }
        }

        /** Candidates whose artists the caller does not know. */
        public Request(List<SequenceInput.Event> sequence, List<String> candidates) {
            this(sequence, candidates, java.util.Collections.nCopies(candidates.size(), ""));
        }
    }

    /** A track with its artist ("" when the model was trained without artists) and its score; higher is better. */
    record ScoredTrack(String trackId, String artistId, float score) {
    }

    /** The version of the model answering, e.g. {@code sasrec-20261128-223601}. */
    String modelVersion();

    /** One score per candidate, in the candidates' order, for each request. */
    List<float[]> score(List<Request> requests);

    /** The {@code k} best tracks of the whole catalogue for each sequence, best first. */
    List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k);

    /** A request's candidate scores (in its order) and the model's own best tracks for the same user. */
    record Ranked(float[] scores, List<ScoredTrack> top) {
    }

    /**
     * {@link #score} and {@link #topK} for the same users in one go; {@code k = 0} asks for the scores alone. The
     * default asks twice; a model that computes every track's score anyway answers both from one pass.
     */
    default List<Ranked> scoreAndTop(List<Request> requests, int k) {
        List<List<ScoredTrack>> tops = k == 0 ? java.util.Collections.nCopies(requests.size(), List.of())
                : topK(requests.stream().map(Request::sequence).toList(), k);
        List<Request> asked = requests.stream().filter(r -> !r.candidates().isEmpty()).toList();
        List<float[]> answers = asked.isEmpty() ? List.of() : score(asked);
        List<Ranked> ranked = new java.util.ArrayList<>(requests.size());
        int next = 0;
        for (int i = 0; i < requests.size(); i++) {
            float[] scores = requests.get(i).candidates().isEmpty() ? new float[0] : answers.get(next++);
            ranked.add(new Ranked(scores, tops.get(i)));
        }
        return ranked;
    }

    /** How many candidate track ids were unknown to the model so far. */
    long unknownTracks();

    @Override
    void close();
}
