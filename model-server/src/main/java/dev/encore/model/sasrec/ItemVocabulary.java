package dev.encore.model.sasrec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracks the model has embeddings for, each with its artist, and the artists (each with an embedding of its
 * own, the side feature that carries a track the model has not seen). Track id 0 is padding and id 1 stands for
 * every track the model never saw (out of vocabulary), so unknown tracks never crash scoring; tracks start at
 * id 2. Artist ids follow the same scheme (0 padding, 1 unknown, artists from 2 in order of first appearance),
 * so a vocabulary {@linkplain #extendedWith extended} by later data keeps every id it had. On disk: one
 * {@code track<TAB>artist} per line.
 */
public final class ItemVocabulary {
    public static final int PADDING = 0;
    public static final int OUT_OF_VOCABULARY = 1;
    public static final int UNKNOWN_ARTIST = 1;
    private static final int FIRST = 2;

    private final List<String> tracks;
    private final List<String> artists;
    private final IdTable ids;
    private final IdTable artistIds;
    private final long[] trackArtists;

    /** @param artists the artist of each track, in the same order ("" where unknown) */
    public ItemVocabulary(List<String> tracks, List<String> artists) {
        if (artists.size() != tracks.size()) {
            throw new IllegalArgumentException(tracks.size() + " tracks but " + artists.size() + " artists");
        }
        this.tracks = List.copyOf(tracks);
        this.artists = List.copyOf(artists);
        try {
            ids = new IdTable(this.tracks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("track " + e.getMessage() + " in the vocabulary");
        }
        trackArtists = new long[size()];
        trackArtists[OUT_OF_VOCABULARY] = UNKNOWN_ARTIST;
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        for (int i = 0; i < this.artists.size(); i++) {
            String artist = this.artists.get(i);
            trackArtists[i + FIRST] = artist.isEmpty() ? UNKNOWN_ARTIST
                    : firstSeen.computeIfAbsent(artist, a -> firstSeen.size() + FIRST);
        }
        artistIds = new IdTable(List.copyOf(firstSeen.keySet()));
    }

    /**
     * This vocabulary with the tracks of {@code moreTracks} it does not know appended (with their artists), so
     * that every id of this one keeps its meaning: the rows a warm-started model copies.
     */
    public ItemVocabulary extendedWith(List<String> moreTracks, List<String> moreArtists) {
        List<String> t = new ArrayList<>(tracks);
        List<String> a = new ArrayList<>(artists);
        java.util.Set<String> seen = new java.util.HashSet<>(tracks);
        for (int i = 0; i < moreTracks.size(); i++) {
            if (seen.add(moreTracks.get(i))) {
                t.add(moreTracks.get(i));
                a.add(moreArtists.get(i));
            }
        }
        return new ItemVocabulary(t, a);
    }

    /** The artist id of {@code artistId} ({@link #UNKNOWN_ARTIST} for an artist no track here has, or ""). */
    public int artistIndex(String artistId) {
        int index = artistId == null ? -1 : artistIds.indexOf(artistId);
        return index < 0 ? UNKNOWN_ARTIST : index + FIRST;
    }

    /** The artist id of the track with id {@code id}. */
    public long artistIndexOf(int id) {
        return trackArtists[id];
    }

    /** The artist id of every track id, padding and out-of-vocabulary included: {@code [size()]}. */
    public long[] trackArtistIndexes() {
        return trackArtists.clone();
    }

    /** Number of artist ids including padding and unknown: the rows of the artist embedding table. */
    public int artistCount() {
        return artistIds.size() + FIRST;
    }

    /** The id of {@code trackId}, or {@link #OUT_OF_VOCABULARY}. */
    public int id(String trackId) {
        int index = ids.indexOf(trackId);
        return index < 0 ? OUT_OF_VOCABULARY : index + FIRST;
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
