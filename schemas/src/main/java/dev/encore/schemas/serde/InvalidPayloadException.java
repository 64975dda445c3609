package dev.encore.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a readable record. Carries the reason and the raw bytes so that a dead-letter path
 * can keep the record exactly as it arrived.
 */
public class InvalidPayloadException extends SerializationException {
    private final PayloadProblem problem;
    private final transient byte[] payload;

    public InvalidPayloadException(PayloadProblem problem, String detail, byte[] payload, Throwable cause) {
        super(problem + ": " + detail, cause);
        this.problem = problem;
        this.payload = payload == null ? new byte[0] : payload.clone();
    }

    public PayloadProblem problem() {
        return problem;
    }

    /** A copy of the bytes as received. */
    public byte[] payload() {
        return payload.clone();
    }
}
