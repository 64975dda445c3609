package dev.encore.stream.ingest;

/** One record of the events topic as it arrived, before decoding: what a dead letter must carry back. */
public record RawRecord(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
}
