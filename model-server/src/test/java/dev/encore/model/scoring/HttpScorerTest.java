package dev.encore.model.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.schema.EventType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The client's rule for a server that swaps models while a call is answered: a call's answers come from one version.
 * The server here answers by the order requests reach it, as a swap mid-call would; a real model server's swaps are
 * tested in {@code ModelServerTest} and {@code ScoringModesTest}.
 */
class HttpScorerTest {
    private static final List<Scorer.Request> TWO = List.of(
            new Scorer.Request(List.of(new SequenceInput.Event("t1", "a1", EventType.PLAY)), List.of("t2")),
            new Scorer.Request(List.of(new SequenceInput.Event("t3", "a3", EventType.PLAY)), List.of("t4")));

    /** A server whose n-th answer (from 0) comes from version {@code versionOf(n)}. */
    private static HttpServer server(IntFunction<String> versionOf, AtomicInteger answered) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/v1/score", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"modelVersion\":\"" + versionOf.apply(answered.getAndIncrement()) + "\",\"scores\":[0.5]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aCallAnsweredByTwoVersionsIsAskedAgainAndLeavesTheNewerVersion() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = server(n -> n == 0 ? "v1" : "v2", answered);
        try {
            HttpScorer scorer = new HttpScorer("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
            List<float[]> scores = scorer.score(TWO);
            assertEquals(4, answered.get(), "one round straddled the swap, so the call was asked twice");
            assertEquals("v2", scorer.modelVersion());
            assertArrayEquals(new float[] {0.5f}, scores.get(1));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCallThatStaysMixedFailsNamingTheVersions() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = server(n -> n % 2 == 0 ? "v1" : "v2", answered);
        try {
            HttpScorer scorer = new HttpScorer("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
            var e = assertThrows(IllegalStateException.class, () -> scorer.score(TWO));
            assertTrue(e.getMessage().contains("v1") && e.getMessage().contains("v2"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
