package dev.encore.model.sasrec;

/**
 * Shape and training settings of the attention model.
 *
 * @param maxLength  events of history the model reads (the most recent ones)
 * @param negatives  items sampled per batch for the sampled-softmax loss, shared by every position
 */
public record SasRecConfig(int maxLength, int dim, int blocks, int heads, float dropout, int batchSize,
                           float learningRate, int maxEpochs, int patience, int negatives, long seed) {

    public SasRecConfig {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be a multiple of heads " + heads);
        }
        if (maxLength < 2 || blocks < 1 || batchSize < 1 || maxEpochs < 1 || negatives < 1) {
            throw new IllegalArgumentException("maxLength >= 2, blocks, batchSize, maxEpochs, negatives >= 1: " + this);
        }
    }
}
