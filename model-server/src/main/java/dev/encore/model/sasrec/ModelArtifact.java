package dev.encore.model.sasrec;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.methods.RankingWeights;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned model on disk: one directory with the parameters, the item vocabulary, the config, the
 * training report and a manifest that names the format version, the model version, a fingerprint of the
 * training data and a checksum of every file. Loading checks all of it and fails with a message that says
 * what is wrong, rather than scoring with a mismatched vocabulary.
 */
public final class ModelArtifact {
    /**
     * 2: tracks are represented with their artists (an artist table beside the track table). 3: the ranking weights are
     * learned nets ({@code RankingWeights}), no longer a blend of five weights.
     */
    public static final int FORMAT_VERSION = 3;
    static final String MANIFEST = "manifest.json";
    static final String VOCABULARY = "vocabulary.txt";
    static final String CONFIG = "config.json";
    static final String REPORT = "training.json";
    static final String RANKING = "ranking.json";
    static final String PARAMS = SasRecModel.PARAMS_NAME + "-0000.params";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the manifest says; {@code parentVersion} is null for a model trained from scratch. */
    public record Manifest(int formatVersion, String modelVersion, Instant createdAt, String parentVersion,
                           String dataFingerprint, String data, int vocabularySize, Map<String, String> sha256) {
    }

    /**
     * Where a version comes from: the version it was warm-started from (null for a full training), a fingerprint
     * of its training data and a line saying what that data was.
     */
    public record Lineage(String parentVersion, String dataFingerprint, String data) {
        public static Lineage fresh(String dataFingerprint, String data) {
            return new Lineage(null, dataFingerprint, data);
        }

        /** "N events from T1 to T2" for training events in time order. */
        public static String span(List<dev.encore.model.data.Interaction> events) {
            return events.isEmpty() ? "no events" : String.format(java.util.Locale.ROOT, "%,d events from %s to %s",
                    events.size(), events.get(0).time(), events.get(events.size() - 1).time());
        }
    }

    private ModelArtifact() {
    }

    /** Writes a new artifact into the empty or missing {@code dir}; returns its manifest. */
    public static Manifest save(SasRecModel model, TrainingReport report, RankingWeights weights, String modelVersion,
                                Lineage lineage, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("model directory " + dir + " is not empty: give a new directory per version");
                }
            }
        }
        Files.createDirectories(dir);
        model.saveParameters(dir);
        model.vocabulary().write(dir.resolve(VOCABULARY));
        JSON.writeValue(dir.resolve(CONFIG).toFile(), model.config());
        JSON.writerFor(TrainingReport.class).writeValue(dir.resolve(REPORT).toFile(), report);
        JSON.writeValue(dir.resolve(RANKING).toFile(), weights);
        Map<String, String> sums = new LinkedHashMap<>();
        for (String file : List.of(PARAMS, VOCABULARY, CONFIG, REPORT, RANKING)) {
            sums.put(file, sha256(dir.resolve(file)));
        }
        Manifest manifest = new Manifest(FORMAT_VERSION, modelVersion, Instant.now(), lineage.parentVersion(),
                lineage.dataFingerprint(), lineage.data(), model.vocabulary().size(), sums);
        // The manifest is what makes a directory a version to watchers: it appears whole, after every other file.
        Path partial = dir.resolve(MANIFEST + ".partial");
        JSON.writeValue(partial.toFile(), toJson(manifest));
        Files.move(partial, dir.resolve(MANIFEST), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    /** A loaded model version: the model, the ranking weights learned with it, and its manifest. */
    public record Loaded(SasRecModel model, RankingWeights weights, Manifest manifest) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Loads and checks an artifact. */
    public static Loaded load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null,
                    "not a model artifact (no " + MANIFEST + "): train one with 'encore-model train'");
        }
        Manifest manifest = readManifest(dir);
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new IOException("model at " + dir + " has format version " + manifest.formatVersion()
                    + ", this build reads version " + FORMAT_VERSION + ": retrain it with this build");
        }
        for (Map.Entry<String, String> file : manifest.sha256().entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString(), null, "model artifact is missing " + file.getKey());
            }
            if (!sha256(path).equals(file.getValue())) {
                throw new IOException("model artifact file " + path + " is corrupt: its checksum does not match the manifest");
            }
        }
        ItemVocabulary vocabulary = ItemVocabulary.read(dir.resolve(VOCABULARY));
        if (vocabulary.size() != manifest.vocabularySize()) {
            throw new IOException("vocabulary mismatch in " + dir + ": " + VOCABULARY + " has " + vocabulary.size()
                    + " ids, the manifest says " + manifest.vocabularySize());
        }
        SasRecConfig config = JSON.readValue(dir.resolve(CONFIG).toFile(), SasRecConfig.class);
        RankingWeights weights = readWeights(dir);
        try {
            return new Loaded(SasRecModel.load(dir, config, vocabulary), weights, manifest);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException("parameters in " + dir + " do not fit the vocabulary or config: " + e.getMessage(), e);
        }
    }

    /** The ranking weights learned with the model at {@code dir}, without loading the model. */
    public static RankingWeights readWeights(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(RANKING).toFile(), RankingWeights.class);
    }

    public static Manifest readManifest(Path dir) throws IOException {
        Map<?, ?> json = JSON.readValue(dir.resolve(MANIFEST).toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> sums = (Map<String, String>) json.get("sha256");
        return new Manifest(((Number) json.get("formatVersion")).intValue(), (String) json.get("modelVersion"),
                Instant.parse((String) json.get("createdAt")), (String) json.get("parentVersion"),
                (String) json.get("dataFingerprint"), (String) json.get("data"),
                ((Number) json.get("vocabularySize")).intValue(), sums);
    }

    /** The newest model version in {@code modelsDir}: sub-directories with a manifest, names sorting by time. */
    public static java.util.Optional<Path> newestIn(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            return java.util.Optional.empty();
        }
        try (var dirs = Files.list(modelsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(MANIFEST)))
                    .max(java.util.Comparator.comparing(d -> d.getFileName().toString()));
        }
    }

    /** A fingerprint of training data files: SHA-256 over their names and contents. */
    public static String fingerprint(List<Path> files) throws IOException {
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Map<String, Object> toJson(Manifest manifest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("formatVersion", manifest.formatVersion());
        json.put("modelVersion", manifest.modelVersion());
        json.put("createdAt", manifest.createdAt().toString());
        json.put("parentVersion", manifest.parentVersion());
        json.put("dataFingerprint", manifest.dataFingerprint());
        json.put("data", manifest.data());
        json.put("vocabularySize", manifest.vocabularySize());
        json.put("sha256", manifest.sha256());
        return json;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
