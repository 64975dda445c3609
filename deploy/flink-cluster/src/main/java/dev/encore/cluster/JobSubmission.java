package dev.encore.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;

/**
 * Submits a job jar to a session cluster through the JobManager's REST API, as {@code flink run} does: the jar's main
 * builds the job graph here (it stops at {@code execute}), then the graph and the jar are posted to {@code /jobs}.
 */
final class JobSubmission implements AutoCloseable {
    private final RestClusterClient<StandaloneClusterId> client;
    private final Configuration configuration = new Configuration();

    JobSubmission(String host, int restPort) throws Exception {
        configuration.set(RestOptions.ADDRESS, host);
        configuration.set(RestOptions.PORT, restPort);
        client = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    }

    JobID submit(Path jar, List<String> args, int parallelism) throws Exception {
        PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jar.toFile()).setArguments(args.toArray(String[]::new))
                .setConfiguration(configuration).build();
        JobGraph graph = PackagedProgramUtils.createJobGraph(program, configuration, parallelism, false);
        return client.submitJob(graph).get(2, TimeUnit.MINUTES);
    }

    JobStatus status(JobID job) throws Exception {
        return client.getJobStatus(job).get(10, TimeUnit.SECONDS);
    }

    void cancel(JobID job) throws Exception {
        client.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
