package org.runreplicator.source;

import java.util.Locale;
import org.runreplicator.ReplicatorException;

/**
 * How a copy locks its table on a source that locks tables instead of keeping snapshots
 * (Teradata; {@code --source-lock}). See {@link SourceDialect#defaultSourceLock}.
 */
public enum SourceLock {
    /**
     * One session holds a READ lock on the table from the run's count to its last split: writers
     * wait for the copy, so every split reads the table as it was counted.
     */
    READ,
    /** No lock beyond ACCESS: writers are never blocked, and the copy can see their changes (the count check then fails it). */
    ACCESS;

    /**
     * The lock every request but the holding session's takes when a run locks its table with
     * {@code runLock} (null: none): ACCESS, which never queues behind a writer waiting for the
     * run's READ lock, while that lock keeps the writer out.
     */
    public static SourceLock forReaders(SourceLock runLock) {
        return runLock == null ? null : ACCESS;
    }

    /** Parses {@code read} or {@code access}; anything else is a usage error. */
    public static SourceLock parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (SourceLock lock : values()) {
            if (lock.cliName().equals(value)) {
                return lock;
            }
        }
        throw ReplicatorException.usage("Invalid --source-lock '" + text + "': expected read (writers wait for the copy)"
                + " or access (writers are not blocked; a table that changes fails the count check)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
