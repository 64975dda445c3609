package dev.encore.stack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encore replay}: sends 30Music listening sessions into the events topic as player events. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay real listening sessions into the events topic, in time order, as PLAY/SKIP events.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ReplayOptions options = new ReplayOptions();

    @Option(names = "--work-dir", description = "Work directory of the running stack, to find its endpoints.")
    Path workDir = StackPaths.defaultWorkDir();

    @Option(names = "--bootstrap-servers", description = "Kafka brokers (default: the running local stack's).")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Schema registry URL (default: the running local stack's).")
    String registryUrl;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...; default: the running local stack's).")
    String kafkaProperties;

    @Override
    public Integer call() throws Exception {
        StackEndpoints endpoints = resolveEndpoints();
        ReplayResult result = new Replayer(endpoints, options, System.out).run(options.filesOrSample());
        return result.failed() == 0 ? 0 : 1;
    }

    private StackEndpoints resolveEndpoints() {
        if (bootstrapServers != null && registryUrl != null) {
            return new StackEndpoints(bootstrapServers, registryUrl, kafkaProperties == null ? "" : kafkaProperties);
        }
        StackEndpoints running = StackEndpoints.readFrom(workDir).orElseThrow(() -> new IllegalStateException(
                "no running local stack found in " + workDir + ": start one with 'deploy/bin/encore stack', "
                        + "or pass --bootstrap-servers and --registry-url"));
        return new StackEndpoints(bootstrapServers != null ? bootstrapServers : running.bootstrapServers(),
                registryUrl != null ? registryUrl : running.registryUrl(),
                kafkaProperties != null ? kafkaProperties : running.kafkaProperties());
    }
}
