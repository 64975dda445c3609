package dev.encore.model.sasrec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracks the model has embeddings for. Id 0 is padding and id 1 stands for every track the model never
 * saw (out of vocabulary), so unknown tracks never crash scoring; tracks start at id 2.
 */
public final class ItemVocabulary {
    public static final int PADDING = 0;
    public static final int OUT_OF_VOCABULARY = 1;
    private static final int FIRST = 2;

    private final List<String> tracks;
    private final Map<String, Integer> ids = new HashMap<>();

    public ItemVocabulary(List<String> tracks) {
        this.tracks = List.copyOf(tracks);
        for (int i = 0; i < this.tracks.size(); i++) {
            if (ids.put(this.tracks.get(i), i + FIRST) != null) {
                throw new IllegalArgumentException("track " + this.tracks.get(i) + " is twice in the vocabulary");
            }
        }
    }

    /** The id of {@code trackId}, or {@link #OUT_OF_VOCABULARY}. */
    public int id(String trackId) {
        return ids.getOrDefault(trackId, OUT_OF_VOCABULARY);
    }

    public String trackId(int id) {
        return tracks.get(id - FIRST);
    }

    /** Number of ids including padding and out-of-vocabulary: the rows of the embedding table. */
    public int size() {
        return tracks.size() + FIRST;
    }

    public void write(Path file) throws IOException {
        Files.write(file, tracks, StandardCharsets.UTF_8);
    }

    public static ItemVocabulary read(Path file) throws IOException {
        return new ItemVocabulary(new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)));
    }
}
