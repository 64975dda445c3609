package dev.encore.model.sasrec;

import java.util.List;

/** What training did, per epoch, and which epoch's parameters were kept. */
public record TrainingReport(List<Epoch> epochs, int bestEpoch, double bestValidationNdcg, long trainingSequences,
                             double seconds) {

    /** One epoch: mean loss, throughput and the validation NDCG@10 (full ranking over the vocabulary). */
    public record Epoch(int epoch, double loss, double sequencesPerSecond, double validationNdcg) {
    }
}
