package dev.encore.bench.e2e;

import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A scale-up generator that keeps the real data's shape: session lengths drawn from the real sessions,
 * repeats at the real rate (a track from the user's own recent ones), skips at the real share, and track
 * popularity following a Zipf law (exponent fitted on the real plays), over up to a million users and
 * 100k tracks. Users are drawn uniformly; each continues a session until its drawn length is used up.
 */
public final class SyntheticListening implements EventSource {
    private final int users;
    private final int tracks;
    private final double[] cumulative;
    private final int[] sessionLengths;
    private final double repeatRate;
    private final double skipShare;
    private final Random random;
    private final int[][] recent;
    private final int[] left;
    private final String description;

    public SyntheticListening(RealShape shape, int users, int tracks, long seed) {
        this.users = users;
        this.tracks = tracks;
        this.sessionLengths = shape.sessionLengths();
        this.repeatRate = shape.repeatRate();
        this.skipShare = shape.skipShare();
        this.random = new Random(seed);
        this.cumulative = new double[tracks];
        double sum = 0;
        for (int i = 0; i < tracks; i++) {
            sum += 1 / Math.pow(i + 1, shape.zipfExponent());
            cumulative[i] = sum;
        }
        for (int i = 0; i < tracks; i++) {
            cumulative[i] /= sum;
        }
        this.recent = new int[users][];
        this.left = new int[users];
        this.description = String.format("synthetic: %,d users, %,d tracks, Zipf %.2f, repeat rate %.2f, skip share %.3f, "
                + "session lengths from %,d real sessions", users, tracks, shape.zipfExponent(), repeatRate, skipShare, sessionLengths.length);
    }

    /** What the generator copies from real listening. */
    public record RealShape(int[] sessionLengths, double repeatRate, double skipShare, double zipfExponent) {
        /** Measures the shape of real events (in time order). */
        public static RealShape of(List<UserEvent> events) {
            java.util.Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();
            java.util.Map<String, Long> lastTime = new java.util.HashMap<>();
            java.util.Map<String, Integer> running = new java.util.HashMap<>();
            List<Integer> lengths = new ArrayList<>();
            java.util.Map<String, Integer> plays = new java.util.HashMap<>();
            long repeats = 0;
            long skips = 0;
            for (UserEvent e : events) {
                String user = e.getUserId();
                long t = e.getEventTime().toEpochMilli();
                Long last = lastTime.put(user, t);
                if (last == null || t - last > 30 * 60_000) {
                    Integer done = running.put(user, 1);
                    if (done != null) {
                        lengths.add(done);
                    }
                } else {
                    running.merge(user, 1, Integer::sum);
                }
                if (!seen.computeIfAbsent(user, u -> new java.util.HashSet<>()).add(e.getTrackId())) {
                    repeats++;
                }
                if (e.getType() == EventType.SKIP) {
                    skips++;
                }
                plays.merge(e.getTrackId(), 1, Integer::sum);
            }
            lengths.addAll(running.values());
            return new RealShape(lengths.stream().mapToInt(Integer::intValue).toArray(), (double) repeats / events.size(),
                    (double) skips / events.size(), zipf(plays.values().stream().sorted(java.util.Comparator.reverseOrder()).toList()));
        }

        /** Least-squares slope of log(count) on log(rank) over the top ranks. */
        private static double zipf(List<Integer> counts) {
            int n = Math.min(1000, counts.size());
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int r = 0; r < n; r++) {
                double x = Math.log(r + 1);
                double y = Math.log(counts.get(r));
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
        }
    }

    @Override
    public UserEvent next(long intendedMillis) {
        int user = random.nextInt(users);
        if (left[user] <= 0) {
            left[user] = sessionLengths[random.nextInt(sessionLengths.length)];
        }
        left[user]--;
        int track;
        if (recent[user] != null && random.nextDouble() < repeatRate) {
            track = recent[user][random.nextInt(recent[user].length)];
        } else {
            double u = random.nextDouble();
            int lo = java.util.Arrays.binarySearch(cumulative, u);
            track = Math.min(tracks - 1, lo >= 0 ? lo : -lo - 1);
        }
        remember(user, track);
        EventType type = random.nextDouble() < skipShare ? EventType.SKIP : EventType.PLAY;
        return UserEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId("u" + user).setTrackId("t" + track)
                .setArtistId("a" + (track / 10)).setType(type).setEventTime(Instant.ofEpochMilli(intendedMillis))
                .setPlayedMs(type == EventType.SKIP ? 10_000 : 200_000)
                .setContext(PlayContext.newBuilder().setSource(PlaySource.OTHER).build()).build();
    }

    private void remember(int user, int track) {
        int[] list = recent[user];
        if (list == null) {
            recent[user] = new int[] {track};
        } else if (list.length < 20) {
            int[] grown = java.util.Arrays.copyOf(list, list.length + 1);
            grown[list.length] = track;
            recent[user] = grown;
        } else {
            list[random.nextInt(list.length)] = track;
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
