package dev.encore.schemas.registry;

/** Confluent errors 40402/40403: no such schema id, version, or schema under the subject. */
public class SchemaNotFoundException extends SchemaRegistryException {
    public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
