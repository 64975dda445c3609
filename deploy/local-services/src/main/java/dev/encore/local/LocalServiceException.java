package dev.encore.local;

/**
 * A local service could not be started or stopped. The message is one line that names the fix; it is
 * what the stack command prints, so callers should not add a stack trace for it.
 */
public class LocalServiceException extends RuntimeException {
    public LocalServiceException(String message) {
        super(message);
    }

    public LocalServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
