package dev.encore.stream.recommend;

import dev.encore.stream.sequence.Trigger;
import java.io.Serializable;
import java.util.List;

/**
 * Content-based and cold-start candidates (tracks like the one just played by what they are, not by who played
 * them). The job takes any implementation; until track metadata and content features are streamed in
 * ({@code encore.track-metadata}), the job runs with {@link #NONE}, and the source's column stays empty.
 */
@FunctionalInterface
public interface ContentCandidates extends Serializable {
    /** A proposed track with its content similarity (higher is closer). */
    record Proposal(String trackId, String artistId, float similarity) {
    }

    List<Proposal> propose(Trigger trigger, int n);

    ContentCandidates NONE = (trigger, n) -> List.of();
}
