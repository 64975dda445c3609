package dev.encore.stack;

import java.nio.file.Path;

/**
 * Where the stack keeps its state and finds the bundled sample. The launcher script sets {@code encore.home}
 * to the repository root; without it the current directory is used.
 */
final class StackPaths {
    private StackPaths() {
    }

    static Path home() {
        return Path.of(System.getProperty("encore.home", ".")).toAbsolutePath().normalize();
    }

    /** Default work directory: broker data, logs, PID files, the stack's connection file. */
    static Path defaultWorkDir() {
        return home().resolve(".encore");
    }

    /**
     * The development data beside the checkout ({@code ENCORE_DATA_DIR} moves it): the four 30Music windows the
     * model is developed on. Absent on a machine that has only the repository.
     */
    static Path sharedData() {
        String moved = System.getenv("ENCORE_DATA_DIR");
        return moved != null && !moved.isBlank() ? Path.of(moved) : home().resolve("../shared/data/30music-200ks-windows").normalize();
    }

    /** The real listening sample shipped in the repository (one 30Music window). */
    static Path bundledSample() {
        return home().resolve("deploy/sample/30music-200ks_test.0.txt");
    }
}
