package dev.encore.model.serve;

import dev.encore.model.scoring.Scorer;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The scorer in use, swappable while requests run: every use holds the read lock, a swap takes the write
 * lock for the moment of the exchange, and the old scorer is closed only after no request can be using it.
 * So a hot swap fails no in-flight request.
 */
final class ScorerHolder implements AutoCloseable {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Scorer current;

    ScorerHolder(Scorer initial) {
        this.current = initial;
    }

    <T> T use(Function<Scorer, T> work) {
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

    /** Installs {@code next} and closes the previous scorer once nobody uses it. */
    void swap(Scorer next) {
        Scorer previous;
        lock.writeLock().lock();
        try {
            previous = current;
            current = next;
        } finally {
            lock.writeLock().unlock();
        }
        if (previous != null) {
            previous.close();
        }
    }

    String modelVersion() {
        return use(Scorer::modelVersion);
    }

    boolean ready() {
        lock.readLock().lock();
        try {
            return current != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        swap(null);
    }
}
