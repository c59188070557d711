package org.runreplicator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level of our own loggers: INFO from logback.xml, DEBUG with {@code --verbose}. Restored
 * afterwards, so one in-process invocation never changes the next one's logging.
 */
final class LogLevel {
    private static final String OURS = "org.runreplicator";

    private final Level before;

    private LogLevel(Level before) {
        this.before = before;
    }

    static LogLevel remember() {
        return new LogLevel(ours().getLevel());
    }

    static void debug() {
        ours().setLevel(Level.DEBUG);
    }

    private static Logger ours() {
        return (Logger) LoggerFactory.getLogger(OURS);
    }

    void restore() {
        ours().setLevel(before);
    }
}
