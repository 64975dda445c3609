package dev.encore.model.data;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads listening data into {@link Interaction}s in event-time order: 30Music session files (through the
 * same {@link PlaySkipRule} as the replay tool), or an Avro file of {@code UserEvent}s (a topic dump).
 */
public final class ListeningData {
    private ListeningData() {
    }

    /** Reads each file by its kind: {@code .avro} as a UserEvent dump, anything else as 30Music sessions. */
    public static List<Interaction> read(List<Path> files, PlaySkipRule rule) throws IOException {
        List<Interaction> all = new ArrayList<>();
        List<Path> sessionFiles = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("no listening data at " + file + ": pass an existing file, or set the data "
                        + "directory (the development data lies in shared/data/30music-200ks-windows beside the checkout)");
            }
            if (file.getFileName().toString().endsWith(".avro")) {
                all.addAll(readEventDump(file));
            } else {
                sessionFiles.add(file);
            }
        }
        if (!sessionFiles.isEmpty()) {
            new ThirtyMusicReader(rule).read(sessionFiles).listens().forEach(l -> all.add(Interaction.of(l)));
        }
        all.sort(Comparator.comparing(Interaction::time));
        return all;
    }

    private static List<Interaction> readEventDump(Path file) throws IOException {
        List<UserEvent> events = new ArrayList<>();
        try (DataFileReader<UserEvent> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(UserEvent.class))) {
            reader.forEach(events::add);
        }
        events.sort(Comparator.comparing(UserEvent::getEventTime));
        SessionCutter sessions = new SessionCutter(SessionCutter.DEFAULT_GAP);
        List<Interaction> interactions = new ArrayList<>(events.size());
        for (UserEvent event : events) {
            interactions.add(Interaction.of(event, sessions.sessionOf(event.getUserId(), event.getEventTime())));
        }
        return interactions;
    }
}
