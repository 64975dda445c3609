package dev.encore.model.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Gathers concurrent requests into one model call: a batch closes when it holds {@code maxBatch} requests or
 * {@code maxWait} after its first request arrived, whichever comes first. One thread drains the queue, so the
 * model sees large batches under load and single requests without delay when idle. The model server batches
 * HTTP requests with it, and the stream job batches across keys with it.
 *
 * @param <I> one request
 * @param <O> its answer; the batch function answers a batch in the requests' order
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {
    private record Pending<I, O>(I request, CompletableFuture<O> result, long submittedNanos) {
    }

    private final Function<List<I>, List<O>> model;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final String name;
    private final Thread worker;
    private volatile boolean running = true;

    public DynamicBatcher(String name, Function<List<I>, List<O>> model, int maxBatch, Duration maxWait, IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.name = name;
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    public CompletableFuture<O> submit(I request) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("batcher is stopping"));
        } else {
            queue.add(new Pending<>(request, result, System.nanoTime()));
        }
        return result;
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending<I, O> next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                answer(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void answer(List<Pending<I, O>> batch) {
        batchSizes.accept(batch.size());
        ModelBatchEvent event = new ModelBatchEvent();
        long start = System.nanoTime();
        event.begin();
        try {
            List<O> answers = model.apply(batch.stream().map(Pending::request).toList());
            event.end();
            if (event.shouldCommit()) {
                event.batcher = name;
                event.size = batch.size();
                event.queuedNanos = start - batch.get(0).submittedNanos();
                event.commit();
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(answers.get(i));
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
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("batcher stopped"));
        }
    }
}
