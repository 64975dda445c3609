package dev.encore.model.methods;

import java.util.function.BiConsumer;

/** A baseline that ranks by one candidate source alone. */
public record SingleSource(String name, BiConsumer<Query, float[]> source) implements NextTrackMethod {

    public static SingleSource globalPopularity() {
        return new SingleSource("most-popular", Sources::popularity);
    }

    public static SingleSource trending() {
        return new SingleSource("trending-12h", Sources::trending);
    }

    public static SingleSource personalPopularity() {
        return new SingleSource("personal-popularity", Sources::personal);
    }

    public static SingleSource transitions() {
        return new SingleSource("transitions", Sources::transitions);
    }

    public static SingleSource sameArtist() {
        return new SingleSource("same-artist", Sources::sameArtist);
    }

    @Override
    public void score(Query query, float[] scores) {
        source.accept(query, scores);
    }
}
