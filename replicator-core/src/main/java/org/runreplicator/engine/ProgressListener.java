package org.runreplicator.engine;

/** Told as splits start, advance and finish; the launcher turns this into progress lines on stderr. Must be thread-safe. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() { };

    /** The plan is known: {@code splits} splits, about {@code estimatedRows} rows (-1 if unknown). */
    default void planned(int splits, long estimatedRows) {
    }

    /** {@code rows} more rows were written by some split. Called often: keep it cheap. */
    default void rowsWritten(long rows) {
    }

    /** A split finished with {@code rows} rows. */
    default void splitDone(int splitIndex, long rows) {
    }

    /** A split attempt failed and will be retried after discarding its output. */
    default void splitRetry(int splitIndex, int attempt, String reason) {
    }
}
