package dev.encore.stream;

import dev.encore.stream.scoring.ScorerFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the recommendation job: on a local MiniCluster when started with {@code java}, on a Flink cluster when
 * the jar is submitted with {@code flink run}.
 *
 * <pre>
 * stream-app/bin/encore-job --config my-job.properties --set scoring.mode=remote --set job.parallelism=4
 * </pre>
 * The local stack ({@code deploy/bin/encore stack}) starts it with the stack's endpoints.
 */
@Command(name = "encore-job", mixinStandardHelpOptions = true,
        description = "Events from Kafka to recommendations in Kafka, per event, in Flink.")
public final class StreamJobMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamJobMain.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the keys to change (see encore-job.properties).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One key to change; repeatable; wins over --config.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamJobMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig;
        try {
            jobConfig = JobConfig.load(config, overrides);
            ScorerFactory.from(jobConfig).check();
        } catch (JobConfig.ConfigException e) {
            System.err.println("encore-job: " + e.getMessage());
            return 2;
        }
        TransactionProtocol.check(jobConfig);
        StreamExecutionEnvironment env = JobEnvironment.create(jobConfig);
        RecommendationJob.build(env, jobConfig);
        JobClient client = env.executeAsync(RecommendationJob.NAME);
        // A MiniCluster job does not stop on SIGTERM by itself: cancel it so state and transactions close cleanly.
        Thread hook = new Thread(() -> {
            try {
                client.cancel().get();
            } catch (Exception e) {
                LOG.debug("cancel on shutdown: {}", e.toString());
            }
        }, "cancel-job");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("job {} running (parallelism {}, delivery {}, scoring {})", client.getJobID(), jobConfig.parallelism(),
                jobConfig.delivery(), jobConfig.scoringMode());
        client.getJobExecutionResult().get();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
