package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobLiveQualityTest {
    @Test
    void sumsTheSubtasksSeriesPerModelVersion() {
        String text = """
                # TYPE flink_taskmanager_job_task_operator_model_version_encore_live_predictions gauge
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{subtask_index="0",model_version="v1",job_name="j"} 30.0
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{subtask_index="1",model_version="v1",job_name="j"} 10.0
                flink_taskmanager_job_task_operator_model_version_encore_live_hits_at_10{subtask_index="0",model_version="v1",job_name="j"} 8.0
                flink_taskmanager_job_task_operator_model_version_encore_live_ndcg_at_10_micros{subtask_index="0",model_version="v1",job_name="j"} 4000000.0
                flink_taskmanager_job_task_operator_model_version_encore_live_predictions{subtask_index="0",model_version="v2:degraded",job_name="j"} 5.0
                flink_taskmanager_job_task_operator_encore_recommendations{subtask_index="0",job_name="j"} 99.0
                """;
        Map<String, JobLiveQuality.Figures> figures = JobLiveQuality.totals(JobMetricsText.parse(text));

        assertEquals(new JobLiveQuality.Figures(40, 8, 4_000_000), figures.get("v1"));
        assertEquals(0.2, figures.get("v1").hitRate(), 1e-9);
        assertEquals(0.1, figures.get("v1").ndcg(), 1e-9);
        assertEquals(5, figures.get("v2:degraded").predictions());
        assertEquals(2, figures.size());
    }
}
