package dev.encore.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encore stack}: starts the local stack and keeps it running until Ctrl-C or {@code encore stop}. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start a real Kafka broker and schema registry, create the topics, register the schemas; "
                + "Ctrl-C (or 'encore stop') stops everything.")
final class StackCommand implements Callable<Integer> {
    static final String PID_FILE = "stack.pid";

    @Option(names = "--work-dir", description = "State, logs and PID files (default: .encore in the repository).")
    Path workDir = StackPaths.defaultWorkDir();

    @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
    @Option(names = "--kafka-controller-port", defaultValue = "9093") int kafkaControllerPort;
    @Option(names = "--registry-port", defaultValue = "8081") int registryPort;
    @Option(names = "--registry-management-port", defaultValue = "8091") int registryManagementPort;

    @Option(names = "--replay", description = "Replay the bundled real sample into the events topic once the stack is up.")
    boolean replay;

    @Mixin
    ReplayOptions replayOptions = new ReplayOptions();

    @Override
    public Integer call() throws Exception {
        LocalStack.Ports ports = new LocalStack.Ports(kafkaPort, kafkaControllerPort, registryPort, registryManagementPort);
        LocalStack stack = LocalStack.start(workDir, ports, System.out);
        Files.writeString(workDir.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("stopping the local stack ...");
            stack.close();
            workDir.resolve(PID_FILE).toFile().delete();
            System.out.println("stopped.");
        }, "stop-local-stack"));

        StackEndpoints endpoints = stack.endpoints();
        System.out.println();
        System.out.println("Encore local stack is up.");
        System.out.println("  Kafka bootstrap servers: " + endpoints.bootstrapServers());
        System.out.println("  Schema registry (Confluent API): " + endpoints.registryUrl());
        System.out.println("  Logs and state: " + workDir);
        System.out.println("  Replay the sample: deploy/bin/encore replay    Stop: Ctrl-C or deploy/bin/encore stop");
        System.out.println();
        if (replay) {
            new Replayer(endpoints, replayOptions, System.out).run(replayOptions.filesOrSample());
        }
        while (stack.isHealthy() && !stopping.get()) {
            Thread.sleep(1000);
        }
        if (!stopping.get()) {
            System.err.println("encore: a service of the stack exited; see the logs in " + workDir);
            return 1;
        }
        return 0;
    }
}
