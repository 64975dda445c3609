package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

class EncoreCliTest {
    @Test
    void badArgumentsExitWithUsageErrorCode() {
        assertEquals(2, EncoreCli.run("replay", "--speed", "fast"));
        assertEquals(2, EncoreCli.run("stack", "--kafka-port", "nine"));
        assertEquals(2, EncoreCli.run("no-such-command"));
    }

    @Test
    void replayWithoutARunningStackFailsWithOneLine() {
        assertEquals(1, EncoreCli.run("replay", "--work-dir", "target/no-stack-here"));
    }

    @Test
    void drillsRefuseToEmptyADirectoryThatIsNotTheirs(@TempDir Path dir) throws Exception {
        Path precious = Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(1, EncoreCli.run("drills", "--work-dir", dir.toString(), "--job-kills", "0", "--no-broker-restart",
                "--no-model-server-kill"));
        assertEquals("mine", Files.readString(precious), "nothing of the user's was deleted");
    }

    @Test
    void speedParsesMaxAndFactors() {
        var converter = new ReplaySpeed.Converter();
        assertEquals(ReplaySpeed.MAX, converter.convert("MAX"));
        assertEquals(Duration.ofSeconds(1), converter.convert("60x").wallOffset(Duration.ofMinutes(1)));
        assertEquals(Duration.ofMillis(500), converter.convert("2").wallOffset(Duration.ofSeconds(1)));
        assertThrows(TypeConversionException.class, () -> converter.convert("0"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-3x"));
    }
}
