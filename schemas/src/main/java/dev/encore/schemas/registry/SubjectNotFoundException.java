package dev.encore.schemas.registry;

/** Confluent error 40401: no schema was ever registered under the subject. */
public class SubjectNotFoundException extends SchemaRegistryException {
    public SubjectNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
