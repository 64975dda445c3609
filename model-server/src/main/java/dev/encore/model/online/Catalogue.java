package dev.encore.model.online;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracks known so far, each with a dense index (the position of its score in every score array) and its
 * artist. It only grows: a track the stream sees for the first time gets the next index.
 */
public final class Catalogue {
    private final Map<String, Integer> indexByTrack = new HashMap<>();
    private final List<String> tracks = new ArrayList<>();
    private final List<Integer> artistOfTrack = new ArrayList<>();
    private final Map<String, Integer> indexByArtist = new HashMap<>();
    private final List<String> artists = new ArrayList<>();
    private final List<List<Integer>> tracksByArtist = new ArrayList<>();

    /** The track's index, or -1 when it is not known. */
    public int indexOf(String trackId) {
        Integer index = indexByTrack.get(trackId);
        return index == null ? -1 : index;
    }

    /** The artist's index, or -1 when no track of it is known. */
    public int artistIndexOf(String artistId) {
        Integer index = indexByArtist.get(artistId);
        return index == null ? -1 : index;
    }

    /** Adds the track if it is new; returns its index either way. */
    public int add(String trackId, String artistId) {
        Integer known = indexByTrack.get(trackId);
        if (known != null) {
            return known;
        }
        int artist = indexByArtist.computeIfAbsent(artistId, a -> {
            tracksByArtist.add(new ArrayList<>());
            artists.add(a);
            return tracksByArtist.size() - 1;
        });
        int index = tracks.size();
        tracks.add(trackId);
        artistOfTrack.add(artist);
        tracksByArtist.get(artist).add(index);
        indexByTrack.put(trackId, index);
        return index;
    }

    public int size() {
        return tracks.size();
    }

    public String trackId(int index) {
        return tracks.get(index);
    }

    public int artistOf(int index) {
        return artistOfTrack.get(index);
    }

    /** The artist id of an artist index; "" for -1 (not known). */
    public String artistId(int artistIndex) {
        return artistIndex < 0 ? "" : artists.get(artistIndex);
    }

    /** Indexes of the artist's known tracks, in the order they became known. */
    public List<Integer> tracksOfArtist(int artistIndex) {
        return artistIndex < 0 ? List.of() : tracksByArtist.get(artistIndex);
    }
}
