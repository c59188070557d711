package org.runreplicator.commit;

import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.parquet.WrittenFile;

/**
 * One run's write of one partition, from {@link CommitProtocol#begin} to {@link #close}; it holds
 * the partition's lease throughout. Engines call {@link #attemptDir} and {@link #discard} (from
 * any thread); the run calls {@link #commit} once.
 */
public interface PartitionWrite extends AutoCloseable {
    /** The file system writers use for attempt directories. */
    FileSystem fileSystem();

    /**
     * Claims the table's location for {@code source}, the source table exactly as the source
     * names it. The first run of a table records it; a run of another table whose names fold to
     * the same location fails with a usage error naming both, before it writes any data. Called
     * once the source has been described, before copying.
     */
    void claim(String source);

    /**
     * The staging directory of split {@code splitIndex}, invisible to readers: engines lay out its
     * attempts below it ({@link #attemptDir} is its {@code attempt-<n>}), and {@link #close}
     * removes it with the rest of the run's staging, whatever the engine left there.
     */
    Path splitDir(int splitIndex);

    /** A fresh directory for attempt {@code attempt} (1-based) of split {@code splitIndex}; invisible to readers. */
    Path attemptDir(int splitIndex, int attempt);

    /** Removes a failed attempt's output, so only one attempt per split ever reaches the commit. */
    void discard(int splitIndex, int attempt);

    /**
     * Makes {@code files} (each split's one successful attempt) the partition's whole content, as
     * {@link CommitProtocol} describes. Throws a TARGET {@link org.runreplicator.ReplicatorException}
     * when the commit did not happen (the previous version stands) or when a later run's version
     * is current by the time it would have (this run stalled past its lease: that version stands,
     * untouched, and the publishers point at it), and {@link CommitOutcomeUnknownException} when
     * no one can tell. Afterwards it removes only what the partition held when this write began.
     *
     * @param source the source table exactly as the source names it (as claimed), recorded in the commit log
     */
    CommittedVersion commit(List<WrittenFile> files, String source);

    /** Without a commit: removes this run's files. Then releases the lease (or keeps it, after an unknown outcome). */
    @Override
    void close();
}
