package dev.encore.bench.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time the job spent over a step: the benchmark JVM's CPU (MiniCluster, job, the embedded model) less the
 * threads that drive and watch it (the caller, which offers the load, the load's producer and the output probe).
 * CPU per event is a steadier figure than a sustained rate on a shared machine: it moves with the work an event
 * costs, not with the neighbours' load; it means little for a step that fell behind, whose backlog is worked off after the step. The broker and the registry run as their own processes and are not in it.
 */
final class JobCpu {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long startNanos;

    private JobCpu(long startNanos) {
        this.startNanos = startNanos;
    }

    static JobCpu start() {
        return new JobCpu(jobNanos());
    }

    /** Job CPU milliseconds since {@link #start()}. */
    double millisSinceStart() {
        return (jobNanos() - startNanos) / 1e6;
    }

    private static long jobNanos() {
        long bench = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && isBench(info.getThreadName())) {
                bench += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return OS.getProcessCpuTime() - bench;
    }

    private static boolean isBench(String thread) {
        return thread.equals("main") || thread.equals(OutputProbe.THREAD) || thread.contains(E2eBenchmark.BENCH_CLIENT_ID);
    }
}
