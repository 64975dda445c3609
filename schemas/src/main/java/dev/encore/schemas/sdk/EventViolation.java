package dev.encore.schemas.sdk;

/** One broken rule of one field. */
public record EventViolation(String field, String problem) {
    @Override
    public String toString() {
        return field + " " + problem;
    }
}
