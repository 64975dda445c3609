package dev.encore.schemas.registry;

/**
 * The registry answered with an error. {@link #errorCode()} is Confluent's code (e.g. 40401, 409, 42201),
 * or the HTTP status when the server sent none; subclasses name the cases callers act on.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
