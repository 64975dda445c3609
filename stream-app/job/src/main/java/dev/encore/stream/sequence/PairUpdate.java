package dev.encore.stream.sequence;

/** One co-listening pair to add to the state of track {@code from}: {@code to} was played near it. */
public record PairUpdate(String from, String to, String toArtist, float weight) {
}
