package dev.encore.stream.testing;

import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Counts keyed state entries for harnesses that do not (the broadcast harness). */
public final class KeyedStateEntries {
    private KeyedStateEntries() {
    }

    public static int of(AbstractStreamOperatorTestHarness<?> harness) {
        return ((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
