package dev.encore.schemas.registry;

/**
 * The registry could not be reached or failed on its side (5xx). Unlike the other errors this says nothing
 * about the data, so a consumer must retry or stop rather than dead-letter the record.
 */
public class RegistryUnavailableException extends SchemaRegistryException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryUnavailableException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
