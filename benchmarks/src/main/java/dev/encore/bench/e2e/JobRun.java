package dev.encore.bench.e2e;

import java.util.List;

/**
 * One job (pipeline or passthrough) in one delivery mode: its steps, the highest offered rate it sustained,
 * and the latency step at half that rate.
 */
public record JobRun(String job, String mode, List<StepResult> steps, double maxSustainableEps, StepResult atHalf) {
}
