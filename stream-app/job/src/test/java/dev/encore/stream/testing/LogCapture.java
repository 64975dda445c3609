package dev.encore.stream.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the ERROR lines that one logger (and its children) writes while open, so that a test fails on an error
 * the job logs and survives, e.g. the Kafka committer dropping a transaction it could not commit.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig logger;
    private final AbstractAppender appender;

    private LogCapture(String loggerName) {
        logger = context.getConfiguration().getLoggerConfig(loggerName);
        if (!logger.getName().equals(loggerName)) {
            throw new IllegalStateException("log4j2-test.properties must configure logger " + loggerName);
        }
        appender = new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender, Level.ERROR, null);
        context.updateLoggers();
    }

    /** Starts collecting the errors of {@code loggerName}, which the test log configuration must name. */
    public static LogCapture errorsOf(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
