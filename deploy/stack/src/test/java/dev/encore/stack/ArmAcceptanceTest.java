package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's acceptance counters, as Flink's Prometheus reporter writes them, summed per arm (the stack's feed). */
class ArmAcceptanceTest {
    private static final String P = "flink_taskmanager_job_task_operator_arm_model_version_";
    private static final String TEXT = """
            # TYPE flink_taskmanager_job_task_operator_arm_model_version_encore_judged gauge
            %1$sencore_judged{arm="model",model_version="v1",subtask_index="0",} 600.0
            %1$sencore_judged{arm="model",model_version="v1",subtask_index="1",} 400.0
            %1$sencore_accepted{arm="model",model_version="v1",subtask_index="0",} 150.0
            %1$sencore_accepted{arm="model",model_version="v1",subtask_index="1",} 100.0
            %1$sencore_accepted_top3{arm="model",model_version="v1",subtask_index="0",} 90.0
            %1$sencore_lists_served{arm="model",model_version="v1",subtask_index="0",} 1000.0
            %1$sencore_judged{arm="no-model",model_version="none",subtask_index="0",} 1000.0
            %1$sencore_accepted{arm="no-model",model_version="none",subtask_index="0",} 200.0
            %1$sencore_accepted_skipped{arm="no-model",model_version="none",subtask_index="0",} 20.0
            flink_taskmanager_job_task_operator_model_version_encore_live_predictions{model_version="v1",subtask_index="0",} 5.0
            """.formatted(P);

    @Test
    void countersAreSummedPerArmOverSubtasks() {
        Map<String, ArmAcceptance> arms = ArmAcceptance.byArm(JobMetricsText.parse(TEXT));
        assertEquals(List.of("model", "no-model"), List.copyOf(arms.keySet()));
        assertEquals(new ArmAcceptance(1000, 1000, 250, 0, 90, 0, 0, 0), arms.get("model"));
        assertEquals(0.25, arms.get("model").rate(), 1e-12);
        assertEquals(20, arms.get("no-model").skipped());
    }
}
