package dev.encore.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCliTest {
    @TempDir
    Path dir;

    @Test
    void expectedProblemsGiveOneLineAndAnExitCode() {
        assertOneLine(1, "no listening data", "train", "--data-dir", dir.resolve("absent").toString());
        assertOneLine(1, "no model in", "serve", "--models-dir", dir.toString(), "--port", "0");
        assertOneLine(2, "--max-batch", "serve", "--max-batch", "many");
        assertOneLine(1, "--max-batch must be >= 1", "serve", "--max-batch", "0", "--models-dir", dir.toString());
    }

    private static void assertOneLine(int code, String expected, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(code, ModelCli.run(args));
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(text.contains(expected), text);
        assertEquals(1, text.lines().count(), text);
    }
}
