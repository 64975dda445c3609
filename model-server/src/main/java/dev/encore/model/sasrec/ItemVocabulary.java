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
 * The tracks the model has embeddings for, each with its artist (so that the model's own candidates can be held
 * to the artist cap). Id 0 is padding and id 1 stands for every track the model never saw (out of vocabulary),
 * so unknown tracks never crash scoring; tracks start at id 2. On disk: one {@code track<TAB>artist} per line.
 */
public final class ItemVocabulary {
    public static final int PADDING = 0;
    public static final int OUT_OF_VOCABULARY = 1;
    private static final int FIRST = 2;

    private final List<String> tracks;
    private final List<String> artists;
    private final Map<String, Integer> ids = new HashMap<>();

    /** @param artists the artist of each track, in the same order ("" where unknown) */
    public ItemVocabulary(List<String> tracks, List<String> artists) {
        if (artists.size() != tracks.size()) {
            throw new IllegalArgumentException(tracks.size() + " tracks but " + artists.size() + " artists");
        }
        this.tracks = List.copyOf(tracks);
        this.artists = List.copyOf(artists);
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

    public String artistOf(int id) {
        return artists.get(id - FIRST);
    }

    /** Number of ids including padding and out-of-vocabulary: the rows of the embedding table. */
    public int size() {
        return tracks.size() + FIRST;
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>(tracks.size());
        for (int i = 0; i < tracks.size(); i++) {
            lines.add(tracks.get(i) + '\t' + artists.get(i));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Reads a vocabulary; a line without a tab (a model saved before artists were kept) has artist "". */
    public static ItemVocabulary read(Path file) throws IOException {
        List<String> tracks = new ArrayList<>();
        List<String> artists = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            tracks.add(tab < 0 ? line : line.substring(0, tab));
            artists.add(tab < 0 ? "" : line.substring(tab + 1));
        }
        return new ItemVocabulary(tracks, artists);
    }
}
