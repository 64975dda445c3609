package dev.encore.schemas.registry;

/** Confluent error 42201 (or a schema the client cannot parse): the text is not a valid Avro schema. */
public class InvalidSchemaException extends SchemaRegistryException {
    public InvalidSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
