package dev.encore.view.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flink's Prometheus reporter's text, as the stack's job serves it. */
class JobMetricsScrapeTest {
    @Test
    void sumsOverOperatorsAndSubtasksAndSplitsLiveQualityByModelVersion() {
        String text = """
                # HELP flink_taskmanager_job_task_operator_encore_dead_lettered encore_dead_lettered (scope: taskmanager_job_task_operator)
                # TYPE flink_taskmanager_job_task_operator_encore_dead_lettered gauge
                flink_taskmanager_job_task_operator_encore_dead_lettered{job_name="encore",subtask_index="0",} 3.0
                flink_taskmanager_job_task_operator_encore_dead_lettered{job_name="encore",subtask_index="1",} 4.0
                flink_taskmanager_job_task_operator_encore_recommendations{subtask_index="0",} 1000.0
                flink_taskmanager_job_task_operator_encore_degraded{subtask_index="0",} 10.0
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{model_version="sasrec-1",subtask_index="0",} 300.0
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{subtask_index="1",model_version="sasrec-1",} 100.0
                flink_taskmanager_job_task_operator_model_version_encore_live_hits_at_10{model_version="sasrec-1",subtask_index="0",} 60.0
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{model_version="sasrec-1:degraded",} 5.0
                flink_taskmanager_job_task_operator_encore_scoring_ms{quantile="0.5",} NaN
                """;
        JobCounters counters = JobMetricsScrape.parse(text);
        assertEquals(7.0, counters.deadLettered());
        assertEquals(1000.0, counters.recommendations());
        assertEquals(10.0, counters.degraded());
        assertEquals(Map.of("sasrec-1", 400.0, "sasrec-1:degraded", 5.0), counters.predictionsByModelVersion());
        assertEquals(Map.of("sasrec-1", 60.0), counters.hitsByModelVersion());
    }

    @Test
    void sumsTheTaskManagersEndpointsAndSkipsOneThatIsGone() throws Exception {
        HttpServer first = serving("flink_taskmanager_job_task_operator_encore_recommendations{subtask_index=\"0\",} 30.0\n");
        HttpServer second = serving("flink_taskmanager_job_task_operator_encore_recommendations{subtask_index=\"1\",} 12.0\n");
        HttpServer gone = serving("");
        gone.stop(0);
        try {
            JobCounters counters = new JobMetricsScrape(List.of(url(first), url(gone), url(second))).read().orElseThrow();
            assertEquals(42.0, counters.recommendations());
            assertTrue(new JobMetricsScrape(List.of(url(gone))).read().isEmpty(), "no endpoint answering: figures unknown");
        } finally {
            first.stop(0);
            second.stop(0);
        }
    }

    private static HttpServer serving(String text) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }
}
