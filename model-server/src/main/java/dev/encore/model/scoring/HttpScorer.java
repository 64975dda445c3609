package dev.encore.model.scoring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.SequenceInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link Scorer} over a running model server ({@code encore-model serve}): the same answers as the model in
 * process, over HTTP. The requests of one call are sent concurrently (the server batches them again), so a
 * batch costs about one round trip. Every answer names the version that gave it; a call whose answers came from two
 * versions (the server swapped models while it ran) is asked once more, so that a call's scores, and the
 * {@link #modelVersion} it leaves, are one version's. {@link #rankingOf} fetches the ranking weights learned with a
 * version, for ranking its scores. Any failure (server down, timeout, non-200) is an {@link IllegalStateException}
 * naming the server; callers decide how to degrade.
 */
public final class HttpScorer implements Scorer {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private volatile String version = "unknown";

    /** @param baseUrl e.g. {@code http://127.0.0.1:8500} */
    public HttpScorer(String baseUrl, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public List<float[]> score(List<Request> requests) {
        List<Object> bodies = new ArrayList<>(requests.size());
        for (Request request : requests) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sequence", events(request.sequence()));
            body.put("candidates", request.candidates());
            body.put("candidateArtists", request.candidateArtists());
            bodies.add(body);
        }
        List<float[]> scores = new ArrayList<>(requests.size());
        for (JsonNode answer : fromOneVersion("v1/score", bodies)) {
            JsonNode node = answer.get("scores");
            float[] row = new float[node.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) node.get(i).asDouble();
            }
            scores.add(row);
        }
        return scores;
    }

    @Override
    public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
        List<Object> bodies = new ArrayList<>(sequences.size());
        for (List<SequenceInput.Event> sequence : sequences) {
            bodies.add(Map.of("sequence", events(sequence), "k", k));
        }
        List<List<ScoredTrack>> result = new ArrayList<>(sequences.size());
        for (JsonNode answer : fromOneVersion("v1/topk", bodies)) {
            List<ScoredTrack> top = new ArrayList<>();
            for (JsonNode item : answer.get("items")) {
                top.add(new ScoredTrack(item.get("trackId").asText(), item.path("artistId").asText(""),
                        (float) item.get("score").asDouble()));
            }
            result.add(top);
        }
        return result;
    }

    /**
     * The ranking weights learned with {@code version}, as the server that loaded it holds them.
     *
     * @throws IllegalStateException when the server does not have that version (any more) or cannot be asked
     */
    public RankingWeights rankingOf(String version) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/ranking?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8)))
                .timeout(timeout).GET().build();
        try {
            return JSON.treeToValue(join(send(request)).get("ranking"), RankingWeights.class);
        } catch (IOException e) {
            throw new IllegalStateException("model server " + base + " sent ranking weights for " + version + " that do not read: " + e, e);
        }
    }

    /**
     * Posts each body to {@code path} at once and returns the answers, all from one model version: asked once more when
     * the server swapped versions while they were answered, which a second round right after a swap does not meet.
     */
    private List<JsonNode> fromOneVersion(String path, List<Object> bodies) {
        for (int round = 0; ; round++) {
            List<CompletableFuture<JsonNode>> pending = new ArrayList<>(bodies.size());
            for (Object body : bodies) {
                pending.add(post(path, body));
            }
            List<JsonNode> answers = new ArrayList<>(bodies.size());
            Set<String> versions = new HashSet<>();
            for (CompletableFuture<JsonNode> answer : pending) {
                JsonNode node = join(answer);
                answers.add(node);
                versions.add(node.path("modelVersion").asText(""));
            }
            if (versions.size() <= 1) {
                versions.stream().findFirst().filter(v -> !v.isEmpty()).ifPresent(v -> version = v);
                return answers;
            }
            if (round == 1) {
                throw new IllegalStateException("model server " + base + " answered one call from versions " + versions);
            }
        }
    }

    /** The server counts unknown tracks itself ({@code /metrics}); this client sees none of them. */
    @Override
    public long unknownTracks() {
        return 0;
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end when it is unreachable.
    }

    private static List<Map<String, String>> events(List<SequenceInput.Event> sequence) {
        return sequence.stream().map(e -> Map.of("trackId", e.trackId(), "artistId", e.artistId(), "type", e.type().name())).toList();
    }

    private CompletableFuture<JsonNode> post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("model server " + base + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8).strip());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private JsonNode join(CompletableFuture<JsonNode> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException("model server " + base + " failed: " + cause, cause);
        }
    }
}
