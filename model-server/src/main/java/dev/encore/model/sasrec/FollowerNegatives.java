package dev.encore.model.sasrec;

import dev.encore.model.data.Interaction;
import dev.encore.model.online.Catalogue;
import dev.encore.model.online.OnlineState;
import java.util.Map;
import java.util.Random;

/**
 * Hard negatives for the sampled softmax: for each track, the tracks that co-listening most often puts beside it
 * in the training events, learned by the same rule as the live co-listening source ({@link OnlineState}). The
 * model rescores exactly such candidates in production, so each training position also has to tell its next
 * track from its own track's neighbours, not only from random or popular tracks (decision 0006).
 */
final class FollowerNegatives {
    private static final int[] NONE = new int[0];

    private final int[][] neighbours;

    private FollowerNegatives(int[][] neighbours) {
        this.neighbours = neighbours;
    }

    /** The top {@code perTrack} co-listening neighbours of every track of {@code vocabulary}, in its ids. */
    static FollowerNegatives of(Iterable<Interaction> train, ItemVocabulary vocabulary, int perTrack) {
        OnlineState state = new OnlineState();
        train.forEach(e -> state.observe(e, true));
        Catalogue catalogue = state.catalogue();
        int[][] neighbours = new int[vocabulary.size()][];
        for (int index = 0; index < catalogue.size(); index++) {
            int id = vocabulary.id(catalogue.trackId(index));
            if (id <= ItemVocabulary.OUT_OF_VOCABULARY) {
                continue;
            }
            neighbours[id] = state.transitions().of(index).entrySet().stream()
                    .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(perTrack)
                    .mapToInt(e -> vocabulary.id(catalogue.trackId(e.getKey())))
                    .filter(neighbour -> neighbour > ItemVocabulary.OUT_OF_VOCABULARY)
                    .toArray();
        }
        return new FollowerNegatives(neighbours);
    }

    /** The neighbours of track {@code id}, strongest first (empty for padding, unknown or unpaired tracks). */
    int[] of(long id) {
        int[] n = id >= 0 && id < neighbours.length ? neighbours[(int) id] : null;
        return n == null ? NONE : n;
    }

    /**
     * {@code count} negatives for each input position, drawn uniformly from the position's own track's
     * neighbours; {@link ItemVocabulary#PADDING} where it has none (the loss masks those out).
     */
    long[] sample(long[] inputIds, int count, Random random) {
        long[] drawn = new long[inputIds.length * count];
        for (int p = 0; p < inputIds.length; p++) {
            int[] n = of(inputIds[p]);
            for (int j = 0; j < count && n.length > 0; j++) {
                drawn[p * count + j] = n[random.nextInt(n.length)];
            }
        }
        return drawn;
    }
}
