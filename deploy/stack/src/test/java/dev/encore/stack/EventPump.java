package dev.encore.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Players sending events through the view's collector, about 20 a second, round the replayed users, until closed. */
final class EventPump implements AutoCloseable {
    private final StackProcess stack;
    private final Thread thread;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean running = true;

    EventPump(StackProcess stack) throws Exception {
        this.stack = stack;
        List<String> users = new ArrayList<>(stack.usersOfReplayedEvents());
        this.thread = new Thread(() -> pump(users), "event-pump");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void pump(List<String> users) {
        for (int i = 0; running; i++) {
            try {
                String user = users.get(i % users.size());
                if (stack.postToView("/events", PlayerJson.event(user, "pumped-" + i, "PLAY")).statusCode() != 202) {
                    refused.incrementAndGet();
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        // Not interrupted: a send cut short would count as refused. The loop ends within one send.
        thread.join(20_000);
        if (refused.get() > 0) {
            throw new AssertionError(refused.get() + " pumped events were not accepted by the collector");
        }
    }
}
