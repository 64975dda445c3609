package dev.encore.stream.ingest;

/**
 * A record the job could not use, with why: {@code reason} is machine-readable (a payload problem such as
 * {@code BAD_MAGIC_BYTE}, or {@code INVALID_EVENT}), {@code detail} says what to fix.
 */
public record DeadLetter(RawRecord record, String reason, String detail) {
}
