package dev.encore.schemas.listening;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads listening sessions in the 30Music session-rec format: a header {@code UserId SessionId ItemId Time
 * ArtistId}, then one whitespace-separated line per play with Unix seconds. Lines that do not fit are
 * reported with their line numbers and skipped; a missing file or a wrong header fails.
 */
public final class ThirtyMusicReader {
    public static final List<String> HEADER = List.of("UserId", "SessionId", "ItemId", "Time", "ArtistId");

    private final PlaySkipRule rule;

    public ThirtyMusicReader(PlaySkipRule rule) {
        this.rule = rule;
    }

    public ListeningLog read(List<Path> files) throws IOException {
        Map<String, List<ListenRow>> sessions = new LinkedHashMap<>();
        List<MalformedLine> malformed = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            lines += readFile(file, sessions, malformed);
        }
        List<Listen> listens = new ArrayList<>();
        for (List<ListenRow> session : sessions.values()) {
            session.sort(Comparator.comparing(ListenRow::startedAt));
            listens.addAll(rule.derive(session));
        }
        listens.sort(Comparator.comparing(Listen::eventTime));
        return new ListeningLog(listens, malformed, lines);
    }

    private static long readFile(Path file, Map<String, List<ListenRow>> sessions, List<MalformedLine> malformed)
            throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such listening log");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !List.of(header.strip().split("\\s+")).equals(HEADER)) {
                throw new IOException(file + " is not a 30Music session file: its first line must be "
                        + String.join(" ", HEADER) + ", was '" + header + "'");
            }
            long lineNumber = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = addRow(name, lineNumber, line, sessions);
                if (problem != null) {
                    malformed.add(new MalformedLine(name, lineNumber, problem));
                }
            }
            return lineNumber - 1;
        }
    }

    /** Adds the line's row to its session; returns why it was not used, or null. */
    private static String addRow(String file, long lineNumber, String line, Map<String, List<ListenRow>> sessions) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length != HEADER.size()) {
            return "expected " + HEADER.size() + " fields, found " + fields.length;
        }
        long seconds;
        try {
            seconds = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            return "Time '" + fields[3] + "' is not Unix seconds";
        }
        if (seconds < 0 || seconds > 32_503_680_000L) {
            return "Time " + seconds + " is outside years 1970-3000";
        }
        ListenRow row = new ListenRow(file, lineNumber, fields[0], fields[1], fields[2], fields[4],
                Instant.ofEpochSecond(seconds));
        List<ListenRow> session = sessions.computeIfAbsent(row.sessionId(), id -> new ArrayList<>());
        if (!session.isEmpty() && !session.get(0).userId().equals(row.userId())) {
            return "session " + row.sessionId() + " belongs to user " + session.get(0).userId()
                    + ", not " + row.userId();
        }
        session.add(row);
        return null;
    }
}
