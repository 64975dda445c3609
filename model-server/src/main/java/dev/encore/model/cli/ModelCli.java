package dev.encore.model.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The model's command line: {@code train}, {@code evaluate}, {@code serve}.
 *
 * <p>Run: {@code model-server/bin/encore-model evaluate} (builds on first use).
 */
@Command(name = "encore-model", mixinStandardHelpOptions = true, version = "encore-model 0.1.0",
        description = "Train, evaluate and serve the next-track model.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, CandidatesCommand.class, ServeCommand.class, ContinualCommand.class,
                BenchCommand.class})
public final class ModelCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ModelCli());
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            boolean expected = error instanceof IllegalArgumentException || error instanceof IllegalStateException
                    || error instanceof java.io.IOException;
            commandLine.getErr().println("encore-model: " + (expected ? error.getMessage() : error.toString()));
            return 1;
        });
        cli.setParameterExceptionHandler((error, arguments) -> {
            error.getCommandLine().getErr().println("encore-model: " + error.getMessage() + " (see '"
                    + error.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(args);
    }
}
