package dev.encore.model.testing;

import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.schemas.listening.PlaySkipRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The bundled real 30Music window (deploy/sample), read once per test JVM. */
public final class SampleData {
    private static List<Interaction> events;

    private SampleData() {
    }

    public static synchronized List<Interaction> events() {
        if (events == null) {
            Path sample = Path.of(System.getProperty("encore.home", "..")).resolve("deploy/sample/30music-200ks_test.0.txt");
            try {
                events = ListeningData.read(List.of(sample), PlaySkipRule.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
