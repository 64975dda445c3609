package dev.encore.stack;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code encore report}: the running stack's experiment, read from its topics as a downstream team would
 * (read_committed): per arm, its users and the share of their events that took a track from the list in force,
 * with 95% intervals over users, and each arm's difference from the model arm ({@link ArmReport}). The local stack
 * runs {@code experiment.arms=model:50,no-model:50}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compare the experiment's arms: acceptance per arm with 95% intervals over users, and the differences.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--work-dir", description = "The stack's work directory (default: .encore in the repository).")
    Path workDir = StackPaths.defaultWorkDir();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackEndpoints endpoints = StackEndpoints.readFrom(workDir).orElseThrow(() -> new IllegalStateException(
                "no stack is running in " + workDir + ": start one with deploy/bin/encore stack --replay"));
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registryUrl());
        AvroWireCodec<UserEvent> eventCodec = new AvroWireCodec<>(UserEvent.class, registry, false);
        AvroWireCodec<Recommendations> listCodec = new AvroWireCodec<>(Recommendations.class, registry, false);
        List<UserEvent> events = OutputAudit.readAll(endpoints, Topics.EVENTS.name()).stream()
                .sorted(Comparator.comparingLong(r -> r.offset())).map(r -> eventCodec.decode(r.value())).toList();
        List<Recommendations> lists = OutputAudit.readAll(endpoints, Topics.RECOMMENDATIONS.name()).stream()
                .map(r -> listCodec.decode(r.value())).toList();
        if (lists.isEmpty()) {
            throw new IllegalStateException("no recommendations on " + Topics.RECOMMENDATIONS.name() + " yet: replay some events first");
        }
        ArmReport.of(events, lists).print(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
