package dev.encore.model.sasrec;

/**
 * Shape and training settings of the attention model.
 *
 * @param maxLength  events of history the model reads (the most recent ones)
 * @param negatives  items sampled per batch for the sampled-softmax loss, shared by every position
 * @param trackDropout share of training events whose track is hidden (read as an unknown track by its artist),
 *                   so that the model learns to score the tracks it will meet only after training
 * @param followerNegatives per position, tracks drawn from its own track's co-listening neighbours as further
 *                   negatives ({@link FollowerNegatives}); 0 for none (a model saved before this setting reads 0)
 */
public record SasRecConfig(int maxLength, int dim, int blocks, int heads, float dropout, int batchSize,
                           float learningRate, int maxEpochs, int patience, int negatives, long seed,
                           float trackDropout, int followerNegatives) {

    public SasRecConfig {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be a multiple of heads " + heads);
        }
        if (trackDropout < 0 || trackDropout >= 1) {
            throw new IllegalArgumentException("trackDropout must be in [0, 1): " + trackDropout);
        }
        if (maxLength < 2 || blocks < 1 || batchSize < 1 || maxEpochs < 1 || negatives < 1 || followerNegatives < 0) {
            throw new IllegalArgumentException("maxLength >= 2, blocks, batchSize, maxEpochs, negatives >= 1, followerNegatives >= 0: " + this);
        }
    }

    /** The same shape with other training settings: what a warm-started update runs with. */
    public SasRecConfig withTraining(int maxEpochs, int patience, float learningRate) {
        return new SasRecConfig(maxLength, dim, blocks, heads, dropout, batchSize, learningRate, maxEpochs, patience,
                negatives, seed, trackDropout, followerNegatives);
    }
}
