package dev.encore.stack;

import dev.encore.local.LocalServiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code encore} command line: {@code stack} starts the local stack, {@code stop} stops it from another
 * shell, {@code replay} sends a real listening log into the events topic, {@code drills} injects faults into a
 * stack of its own and accounts for every event, {@code report} compares the running job's experiment arms.
 *
 * <p>Run it through {@code deploy/bin/encore}, which builds the project when needed.
 */
@Command(name = "encore", mixinStandardHelpOptions = true, version = "encore 0.1.0",
        description = "Real-time music recommender: local stack and tools.",
        subcommands = {StackCommand.class, StopCommand.class, ReplayCommand.class, DumpEventsCommand.class, ProvisionCommand.class,
                DrillsCommand.class, ReportCommand.class})
public final class EncoreCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; expected failures print one line, no stack trace. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), args);
    }

    /** As {@link #run(String...)}, with the commands' own output (a report, say) to {@code out}. */
    public static int run(PrintWriter out, String... args) {
        CommandLine cli = new CommandLine(new EncoreCli()).setCaseInsensitiveEnumValuesAllowed(true).setOut(out);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println("encore: " + oneLine(error));
            return 1;
        });
        cli.setParameterExceptionHandler((error, arguments) -> {
            CommandLine command = error.getCommandLine();
            command.getErr().println("encore: " + error.getMessage() + " (see '" + command.getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        return cli.execute(args);
    }

    private static String oneLine(Exception error) {
        if (error instanceof LocalServiceException || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException) {
            return error.getMessage();
        }
        if (error instanceof IOException || error instanceof UncheckedIOException) {
            return error.getMessage();
        }
        return error.toString();
    }
}
