package dev.encore.stream.colisten;

import static dev.encore.stream.testing.Triggers.play;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ArtistTracksFunctionTest {

    @Test
    void countsEachPlayAndAttachesTheArtistsMostPlayedTracksIncludingThisOne() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ArtistTracksFunction(10, 2, Duration.ofDays(30)), Trigger::artistId, Types.STRING)) {
            for (Trigger t : List.of(play("u1", 1, "x", "A"), play("u2", 1, "y", "A"), play("u3", 1, "y", "A"),
                    play("u4", 1, "z", "A"), play("u5", 1, "w", "B"))) {
                h.processElement(new StreamRecord<>(t));
            }
            List<Trigger> out = h.extractOutputValues();
            assertArrayEquals(new String[] {"x"}, out.get(0).artistTracks(), "the first play of the artist counts at once");
            assertArrayEquals(new String[] {"y", "x"}, out.get(3).artistTracks());
            assertArrayEquals(new float[] {2f, 1f}, out.get(3).artistTrackWeights());
            assertArrayEquals(new String[] {"w"}, out.get(4).artistTracks(), "another artist's list");
            assertEquals(2, h.numKeyedStateEntries(), "one list per artist");
        }
    }
}
