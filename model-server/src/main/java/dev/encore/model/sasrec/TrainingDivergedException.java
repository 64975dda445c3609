package dev.encore.model.sasrec;

/** Training made a parameter NaN or infinite: the model it was building is unusable and has been closed. */
public final class TrainingDivergedException extends IllegalStateException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
