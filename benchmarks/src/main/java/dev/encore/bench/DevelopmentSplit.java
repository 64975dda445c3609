package dev.encore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The development split's options (where the 30Music windows are, which train and which test), shared by commands. */
final class DevelopmentSplit {
    @Option(names = "--data-dir", description = "30Music windows (default: ../shared/data/30music-200ks-windows).") Path dataDir;
    @Option(names = "--train", split = ",", defaultValue = "30music-200ks_test.0.txt,30music-200ks_test.1.txt,30music-200ks_test.2.txt")
    List<String> train;
    @Option(names = "--test", split = ",", defaultValue = "30music-200ks_test.3.txt") List<String> test;

    Path dir() {
        return dataDir != null ? dataDir : BenchmarkCli.home().resolve("../shared/data/30music-200ks-windows").normalize();
    }

    /** Whether the data is there; says what to do in one line when it is not. */
    boolean present() {
        if (Files.isDirectory(dir())) {
            return true;
        }
        System.err.println("encore-bench: no listening data at " + dir() + ": pass --data-dir (the development data "
                + "is shared/data/30music-200ks-windows beside the checkout)");
        return false;
    }

    List<Path> trainFiles() {
        return train.stream().map(dir()::resolve).toList();
    }

    List<Path> testFiles() {
        return test.stream().map(dir()::resolve).toList();
    }
}
