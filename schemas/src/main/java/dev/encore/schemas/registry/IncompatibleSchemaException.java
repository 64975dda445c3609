package dev.encore.schemas.registry;

/** Confluent error 409: the schema breaks the subject's compatibility rule; the message names both. */
public class IncompatibleSchemaException extends SchemaRegistryException {
    private final String subject;
    private final CompatibilityLevel rule;

    public IncompatibleSchemaException(String subject, CompatibilityLevel rule, String registryMessage, int httpStatus, int errorCode) {
        super("the new schema for subject '" + subject + "' breaks its "
                + (rule == null ? "" : rule + " ") + "compatibility rule: " + registryMessage, httpStatus, errorCode);
        this.subject = subject;
        this.rule = rule;
    }

    public String subject() {
        return subject;
    }

    public CompatibilityLevel rule() {
        return rule;
    }
}
