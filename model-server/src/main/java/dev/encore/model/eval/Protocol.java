package dev.encore.model.eval;

/** How the test period is replayed. */
public enum Protocol {
    /** Fitted on the training period and frozen; test events only extend users' histories (the model's input). */
    STATIC,
    /** Test-then-learn: each test event is predicted first, then learned from, as the live pipeline does. */
    STREAMING
}
