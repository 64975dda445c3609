package dev.encore.model.live;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settings that shape what the live recommender proposes and ranks, the same for the stream job (read from
 * its config; {@code JobConfigTest} checks its defaults are these) and for every evaluation of it.
 *
 * @param maxNeighbours   co-listening neighbours kept per track
 * @param artistMaxTracks tracks kept per artist for the same-artist source
 * @param perSource       candidates each source proposes (and co-listening neighbours attached per trigger)
 * @param modelTopK       the model's own best tracks added as candidates (0: the model only rescores the sources'
 *                        candidates, and its catalogue search is skipped)
 * @param topK            length of a list
 * @param artistCap       most tracks of one artist in a list
 * @param diversity       the ranker's diversity term ({@link Ranker}): 0 ranks by score alone
 */
public record LiveSettings(int sequenceLength, Duration sessionGap, int maxNeighbours, int artistMaxTracks,
                           int perSource, int modelTopK, Duration trendingWindow, Duration trendingSlide,
                           int trendingSize, Duration outOfOrderness, int topK, int artistCap, float diversity)
        implements Serializable {

    /**
     * The model only rescores (modelTopK 0): its own catalogue candidates cost half its CPU and measured no better
     * (docs/decisions/0023).
     */
    public static final LiveSettings DEFAULT = new LiveSettings(50, Duration.ofMinutes(30), 100, 100, 50, 0,
            Duration.ofHours(1), Duration.ofMinutes(5), 50, Duration.ofSeconds(5), 20, 20, 0f);

    /** The same settings with another number of the model's own tracks among the candidates. */
    public LiveSettings withModelTopK(int other) {
        return new LiveSettings(sequenceLength, sessionGap, maxNeighbours, artistMaxTracks, perSource, other, trendingWindow,
                trendingSlide, trendingSize, outOfOrderness, topK, artistCap, diversity);
    }

    /** The same settings with another diversity term. */
    public LiveSettings withDiversity(float other) {
        return new LiveSettings(sequenceLength, sessionGap, maxNeighbours, artistMaxTracks, perSource, modelTopK, trendingWindow,
                trendingSlide, trendingSize, outOfOrderness, topK, artistCap, other);
    }
}
