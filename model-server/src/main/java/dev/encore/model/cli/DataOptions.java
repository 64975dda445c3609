package dev.encore.model.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the listening data is and which files train and test, shared by train and evaluate. */
final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the listening files (default: shared/data/30music-200ks-windows beside the checkout).")
    Path dataDir;

    @Option(names = "--train", split = ",", paramLabel = "FILE",
            defaultValue = "30music-200ks_test.0.txt,30music-200ks_test.1.txt,30music-200ks_test.2.txt",
            description = "Training files, earlier in time than the test files. Default: ${DEFAULT-VALUE}.")
    List<String> train;

    @Option(names = "--test", split = ",", paramLabel = "FILE", defaultValue = "30music-200ks_test.3.txt",
            description = "Test files. Default: ${DEFAULT-VALUE}.")
    List<String> test;

    @Option(names = "--validation-share", defaultValue = "0.1",
            description = "Share of the training period, at its end, held out for early stopping and tuning. Default: ${DEFAULT-VALUE}.")
    double validationShare;

    Path dataDir() {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("encore.data.dir",
                Path.of(System.getProperty("encore.home", ".")).resolve("../shared/data/30music-200ks-windows").toString()));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no listening data at " + dir.toAbsolutePath().normalize()
                    + ": pass --data-dir (the development data is shared/data/30music-200ks-windows beside the checkout)");
        }
        return dir;
    }

    List<Path> trainFiles() {
        return train.stream().map(dataDir()::resolve).toList();
    }

    List<Path> testFiles() {
        return test.stream().map(dataDir()::resolve).toList();
    }
}
