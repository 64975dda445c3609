package dev.encore.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * What a secured local broker needs, made on this machine with the JDK's {@code keytool}: a self-signed certificate
 * for 127.0.0.1/localhost in a PKCS12 key store, a trust store holding it for the clients, and a SCRAM user with a
 * random password. Made once per work directory and kept, so that the broker's stored credentials and the clients'
 * settings stay the same across restarts.
 *
 * @param keyStore        the broker's certificate and key
 * @param trustStore      what clients trust: the broker's certificate
 * @param storePassword   password of both stores
 * @param user            the SCRAM user of the stack's programs
 * @param password        its password
 */
public record LocalTls(Path keyStore, Path trustStore, String storePassword, String user, String password) {
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String SECRETS = "secrets.properties";

    /** The security material under {@code dir}, made on first use. */
    public static LocalTls in(Path dir) {
        Path keyStore = dir.resolve("broker.p12");
        Path trustStore = dir.resolve("truststore.p12");
        Path secrets = dir.resolve(SECRETS);
        try {
            Files.createDirectories(dir);
            java.util.Properties saved = new java.util.Properties();
            if (Files.isRegularFile(secrets) && Files.isRegularFile(keyStore) && Files.isRegularFile(trustStore)) {
                try (var reader = Files.newBufferedReader(secrets)) {
                    saved.load(reader);
                }
                return new LocalTls(keyStore, trustStore, saved.getProperty("store.password"), saved.getProperty("user"),
                        saved.getProperty("password"));
            }
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(trustStore);
            LocalTls tls = new LocalTls(keyStore, trustStore, secret(), "encore", secret());
            Path certificate = dir.resolve("broker.crt");
            Files.deleteIfExists(certificate);
            keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "365",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", tls.storePassword());
            keytool(dir, "-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", tls.storePassword());
            keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", tls.storePassword());
            saved.setProperty("store.password", tls.storePassword());
            saved.setProperty("user", tls.user());
            saved.setProperty("password", tls.password());
            java.io.StringWriter text = new java.io.StringWriter();
            saved.store(text, "made by the local stack for its secured broker; keep private");
            writePrivate(secrets, text.toString());
            return tls;
        } catch (java.io.IOException e) {
            throw new LocalServiceException("cannot make the TLS material under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to {@code file}, readable and writable by its owner only (where the file system allows). */
    public static void writePrivate(Path file, String text) throws java.io.IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the work directory's own permissions apply
        }
        Files.writeString(file, text);
    }

    /** The JAAS line a SCRAM client (or the broker between its listeners) logs in with. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The Kafka client settings for the secured broker: SASL_SSL with SCRAM, trusting its certificate. */
    public String clientProperties() {
        return String.join("\n",
                "# Made by the local stack (--secure): how its programs reach the secured broker.",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=" + MECHANISM,
                "sasl.jaas.config=" + jaasConfig(),
                "ssl.truststore.location=" + trustStore,
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + storePassword,
                "");
    }

    /** A new random secret (URL-safe base64 of 18 random bytes): passwords, tokens. */
    public static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void keytool(Path dir, String... args) {
        Path keytool = JavaRuntime.current().executable().resolveSibling("keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        ManagedProcess.runToCompletion("keytool", command, dir, Duration.ofSeconds(60));
    }
}
