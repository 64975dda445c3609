package dev.encore.stack;

import dev.encore.local.ManagedProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code encore stop}: stops a stack started from another shell, by the PIDs it wrote. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the local stack and every process it started.")
final class StopCommand implements Callable<Integer> {
    @Option(names = "--work-dir", description = "The stack's work directory (default: .encore in the repository).")
    Path workDir = StackPaths.defaultWorkDir();

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(workDir)) {
            System.out.println("nothing to stop: " + workDir + " does not exist");
            return 0;
        }
        // The stack process first: its shutdown hook stops its children in order.
        int stopped = ManagedProcess.stopByPidFile(workDir.resolve(StackCommand.PID_FILE)) ? 1 : 0;
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(workDir, "*.pid")) {
            for (Path pidFile : pidFiles) {
                if (ManagedProcess.stopByPidFile(pidFile)) {
                    stopped++;
                }
            }
        }
        StackEndpoints.deleteFrom(workDir);
        System.out.println(stopped == 0 ? "nothing was running" : "stopped " + stopped + " process(es)");
        return 0;
    }
}
