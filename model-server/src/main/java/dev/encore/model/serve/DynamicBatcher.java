package dev.encore.model.serve;

import dev.encore.model.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers concurrent score requests into one model call: a batch closes when it holds {@code maxBatch}
 * requests or {@code maxWait} after its first request arrived, whichever comes first. One thread drains the
 * queue, so the model sees large batches under load and single requests without delay when idle.
 */
final class DynamicBatcher implements AutoCloseable {
    private record Pending(Scorer.Request request, CompletableFuture<float[]> result) {
    }

    private final ScorerHolder scorers;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Histogram batchSizes;
    private final Thread worker;
    private volatile boolean running = true;

    DynamicBatcher(ScorerHolder scorers, int maxBatch, Duration maxWait, Histogram batchSizes) {
        this.scorers = scorers;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::run, "score-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    CompletableFuture<float[]> submit(Scorer.Request request) {
        CompletableFuture<float[]> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("server is stopping"));
        } else {
            queue.add(new Pending(request, result));
        }
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                score(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void score(List<Pending> batch) {
        batchSizes.observe(batch.size());
        try {
            List<float[]> scores = scorers.use(s -> s.score(batch.stream().map(Pending::request).toList()));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(scores.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
