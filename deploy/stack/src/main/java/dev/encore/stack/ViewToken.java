package dev.encore.stack;

import dev.encore.local.LocalTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bearer token a secured stack's view requires: random, made once, readable by its owner only. */
final class ViewToken {
    private ViewToken() {
    }

    /** The token file at {@code file}, made with a new random token if it does not exist. */
    static Path in(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            LocalTls.writePrivate(file, LocalTls.secret() + "\n");
        }
        return file;
    }
}
