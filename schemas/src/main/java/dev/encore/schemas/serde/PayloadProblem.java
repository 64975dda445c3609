package dev.encore.schemas.serde;

/** Why bytes could not be read as a record; it travels to the dead-letter topic as the reason. */
public enum PayloadProblem {
    /** Zero bytes where a record was expected. */
    EMPTY_PAYLOAD,
    /** Fewer than the 5 bytes of the Confluent header (magic byte and schema id). */
    TRUNCATED_HEADER,
    /** The first byte is not 0, so this is not the Confluent wire format. */
    BAD_MAGIC_BYTE,
    /** The registry has no schema with the id in the header. */
    UNKNOWN_SCHEMA_ID,
    /** The writer's schema cannot be resolved to the reader's (e.g. a required field was removed). */
    INCOMPATIBLE_WRITER_SCHEMA,
    /** The Avro body is truncated, has trailing bytes or does not decode with the writer's schema. */
    CORRUPT_AVRO
}
