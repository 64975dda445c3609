package dev.encore.schemas.listening;

/** A line that was skipped, with where it is and why, so that a user can look at it. */
public record MalformedLine(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
