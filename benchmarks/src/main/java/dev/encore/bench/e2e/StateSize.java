package dev.encore.bench.e2e;

import dev.encore.schema.UserEvent;
import dev.encore.model.live.UserSequence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The history state of real users as the job stores it (the candidate stage's, the larger of a user's two sequences):
 * each user's last N events serialised by the job's own Flink serializer, measured over the users who have at least
 * N events (full sequences).
 */
public final class StateSize {
    private StateSize() {
    }

    /** Mean and max serialised bytes of full sequences. */
    public record Bytes(double mean, long max, int users) {
    }

    public static Bytes ofFullSequences(List<UserEvent> events, int capacity) throws Exception {
        Map<String, UserSequence> sequences = new HashMap<>();
        for (UserEvent e : events) {
            sequences.put(e.getUserId(), sequences.getOrDefault(e.getUserId(), UserSequence.EMPTY)
                    .with(e.getTrackId(), e.getArtistId() == null ? "" : e.getArtistId(), e.getType(), e.getEventTime().toEpochMilli(), capacity));
        }
        TypeSerializer<UserSequence> serializer = TypeInformation.of(UserSequence.class).createSerializer(new SerializerConfigImpl());
        long total = 0;
        long max = 0;
        int users = 0;
        for (UserSequence sequence : sequences.values()) {
            if (sequence.size() < capacity) {
                continue;
            }
            DataOutputSerializer out = new DataOutputSerializer(4096);
            serializer.serialize(sequence, out);
            total += out.length();
            max = Math.max(max, out.length());
            users++;
        }
        return new Bytes(users == 0 ? Double.NaN : (double) total / users, max, users);
    }
}
