package dev.encore.model.methods;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.Evidence;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.JobReplica;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.ModelPass;
import dev.encore.model.live.NewListenerList;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.scoring.Scorer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream job's recommender, run offline: the job's state replayed by {@link JobReplica}, then the same
 * calls the job's operators make ({@link CandidateAssembler}, the {@link Scorer} through {@link ModelPass},
 * {@link Ranker}). The list a user's event is judged against is the one made from the user's previous event,
 * as in the job. {@code ParityTest} (stream-app) checks the job's operators make the same lists.
 */
public final class LiveRecommender implements ListMethod {
    private final String name;
    private final LiveSettings settings;
    private final Scorer scorer;
    private final Exclusions rules;
    private final CandidateAssembler assembler;
    private final Ranker ranker;
    private final JobReplica replica;
    private final Map<String, Evidence> latest = new HashMap<>();
    private RankingInputs inputs = (candidates, logits, historyArtists) -> { };

    /** @param scorer the model, or null to rank without one (as the job does with {@code scoring.mode=off}) */
    public LiveRecommender(String name, LiveSettings settings, RankingWeights weights, Scorer scorer, Exclusions rules) {
        this.name = name;
        this.settings = settings;
        this.scorer = scorer;
        this.rules = rules;
        this.assembler = new CandidateAssembler(settings.perSource());
        this.ranker = Ranker.of(settings, weights);
        this.replica = new JobReplica(settings);
    }

    /** What one list is ranked from, as the ranker reads it; the examples it learns from ({@code RankerTrainer}). */
    public interface RankingInputs {
        /** @param logits the model's, one per candidate; null without the model */
        void ranked(Candidate[] candidates, float[] logits, String[] historyArtists);
    }

    /** Shows {@code sink} what each list is ranked from, before the ranker orders it. */
    public LiveRecommender showingInputsTo(RankingInputs sink) {
        this.inputs = sink;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void observe(Interaction event, boolean learn) {
        latest.put(event.userId(), replica.observe(event, learn));
    }

    @Override
    public List<RankedItem> list(String userId) {
        Evidence evidence = latest.get(userId);
        return evidence == null ? List.of() : Arrays.asList(recommend(evidence));
    }

    /**
     * What trending says now, ranked by the same rules (the trending source at least at its cold-start weight):
     * the list a listener sees before their first event.
     */
    @Override
    public List<RankedItem> newListenerList() {
        return Arrays.asList(NewListenerList.rank(replica.trendingNow(), assembler, ranker));
    }

    /** The list the job makes from this evidence. */
    public RankedItem[] recommend(Evidence evidence) {
        Set<String> excluded = rules.of(evidence.justPlayed(), evidence.skippedInSession());
        Candidate[] candidates = assembler.assemble(evidence, excluded);
        if (scorer == null) {
            inputs.ranked(candidates, null, evidence.historyArtists());
            return ranker.rank(candidates, null, evidence.historyArtists(), evidence.justPlayed());
        }
        Scorer.Ranked answer = scorer.scoreAndTop(List.of(ModelPass.request(evidence, candidates)), settings.modelTopK()).get(0);
        ModelPass.Scored scored = ModelPass.apply(candidates, answer, excluded);
        inputs.ranked(scored.candidates(), scored.logits(), evidence.historyArtists());
        return ranker.rank(scored.candidates(), scored.logits(), evidence.historyArtists(), evidence.justPlayed());
    }
}
