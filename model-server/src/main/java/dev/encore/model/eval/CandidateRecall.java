package dev.encore.model.eval;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.Evidence;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.JobReplica;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often the next track is among the candidates the live recommender ranks, in the streaming protocol: the
 * ceiling of any rescoring of them (the model's included), since a track that is not a candidate is never listed.
 * The same predictions as {@link Evaluator}'s (each event of a user with an earlier one, against the candidates of
 * that earlier event, under the product rules), from the job's own state replay and candidate assembly.
 */
public final class CandidateRecall {

    /**
     * @param predictions     events judged
     * @param found           share of them whose track was a candidate
     * @param coListening     share found with co-listening evidence (other evidence possibly too)
     * @param sameArtistOnly  share found through the artist alone
     * @param other           share found through repeats or trending alone
     * @param meanCandidates  candidates per prediction
     */
    public record Result(long predictions, double found, double coListening, double sameArtistOnly, double other,
                         double meanCandidates) {
    }

    private CandidateRecall() {
    }

    public static Result measure(LiveSettings settings, Exclusions rules, List<Interaction> fitted, List<Interaction> test) {
        JobReplica replica = new JobReplica(settings);
        CandidateAssembler assembler = new CandidateAssembler(settings.perSource());
        Map<String, Evidence> latest = new HashMap<>();
        for (Interaction e : fitted) {
            latest.put(e.userId(), replica.observe(e, true));
        }
        long predictions = 0;
        long candidates = 0;
        long[] found = new long[3];
        for (Interaction event : test) {
            Evidence evidence = latest.get(event.userId());
            if (evidence != null) {
                predictions++;
                Candidate[] offered = assembler.assemble(evidence, rules.of(evidence.justPlayed(), evidence.skippedInSession()));
                candidates += offered.length;
                for (Candidate c : offered) {
                    if (c.trackId().equals(event.trackId())) {
                        found[c.evidence(Source.CO_LISTENING) > 0 ? 0 : c.evidence(Source.SAME_ARTIST) > 0 ? 1 : 2]++;
                        break;
                    }
                }
            }
            latest.put(event.userId(), replica.observe(event, true));
        }
        double n = Math.max(1, predictions);
        return new Result(predictions, (found[0] + found[1] + found[2]) / n, found[0] / n, found[1] / n, found[2] / n,
                candidates / n);
    }
}
