package dev.encore.model.scoring;

import dev.encore.model.sasrec.SequenceInput;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The scorer in use, swappable while requests run, and itself a {@link Scorer}: every use holds the read lock and
 * a swap takes the write lock for the moment of the exchange, so a scorer handed back by {@link #swap} is no
 * longer used by anyone and can be closed. A hot swap fails no in-flight request, and every answer comes whole
 * from one version. The model server and the evaluation of continual updates swap through it.
 */
public final class ScorerHolder implements Scorer {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Scorer current;

    public ScorerHolder(Scorer initial) {
        this.current = initial;
    }

    public <T> T use(Function<Scorer, T> work) {
        lock.readLock().lock();
        try {
            if (current == null) {
                throw new IllegalStateException("no model loaded");
            }
            return work.apply(current);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Installs {@code next}; returns the previous scorer (or null), which nobody uses any more: the caller closes it. */
    public Scorer swap(Scorer next) {
        lock.writeLock().lock();
        try {
            Scorer previous = current;
            current = next;
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean ready() {
        lock.readLock().lock();
        try {
            return current != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String modelVersion() {
        return use(Scorer::modelVersion);
    }

    @Override
    public List<float[]> score(List<Request> requests) {
        return use(s -> s.score(requests));
    }

    @Override
    public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
        return use(s -> s.topK(sequences, k));
    }

    @Override
    public List<Ranked> scoreAndTop(List<Request> requests, int k) {
        return use(s -> s.scoreAndTop(requests, k));
    }

    @Override
    public long unknownTracks() {
        return use(Scorer::unknownTracks);
    }

    /** Closes the scorer in use. */
    @Override
    public void close() {
        Scorer last = swap(null);
        if (last != null) {
            last.close();
        }
    }
}
