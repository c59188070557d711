package org.runreplicator.engine;

import java.util.List;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.split.Split;

/** What an engine runs for each split: one attempt at copying it, and the clean-up of a failed attempt. */
public interface SplitRunner {
    /** Copies the split in attempt number {@code attempt} (1-based); returns the files written. */
    List<WrittenFile> copy(Split split, int attempt) throws Exception;

    /** Removes whatever a failed attempt left behind; called before it is retried or given up. */
    void discard(Split split, int attempt);

    /** Interrupts every attempt in flight: the run has failed. */
    void cancelAll();

    /** Whether a failure is worth another attempt (connection reset, deadlock, serialization failure). */
    boolean isTransient(Throwable failure);
}
