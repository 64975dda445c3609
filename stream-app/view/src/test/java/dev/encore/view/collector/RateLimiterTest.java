package dev.encore.view.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aBurstThenTheRatePerClient() {
        RateLimiter limiter = new RateLimiter(2, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a"), "burst token " + i);
        }
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"), "another client has its own bucket");
        nanos.addAndGet(500_000_000L);
        assertTrue(limiter.tryAcquire("a"), "half a second at 2/s refills one");
        assertFalse(limiter.tryAcquire("a"));
        nanos.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a"), "refilled to the burst, not beyond");
        }
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void aRateThatAdmitsNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, nanos::get));
    }
}
