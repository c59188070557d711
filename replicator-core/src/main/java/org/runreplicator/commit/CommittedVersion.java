package org.runreplicator.commit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;

/**
 * A committed version of a partition: its commit log entry and where its files are. What a commit
 * returns, what {@link VersionPublisher}s point catalogs at, and how tools read a partition with
 * the commit's atomicity on any store (the files the entry names, nothing else).
 */
public final class CommittedVersion {
    private final PartitionSpec partition;
    private final PartitionManifest manifest;
    private final Path directory;
    private final double commitSeconds;
    private final ReplicatorException unfinished;

    CommittedVersion(PartitionSpec partition, PartitionManifest manifest, Path directory, double commitSeconds,
            ReplicatorException unfinished) {
        this.partition = partition;
        this.manifest = manifest;
        this.directory = directory;
        this.commitSeconds = commitSeconds;
        this.unfinished = unfinished;
    }

    /** The current version of {@code partition} at {@code location}, read through {@code fs}; empty if never committed. */
    public static Optional<CommittedVersion> current(FileSystem fs, TableLocation location, PartitionSpec partition)
            throws IOException {
        CommitLog log = new CommitLog(HadoopCommitStore.directoryRename(fs), location.commitLogDir(partition));
        return log.current().map(m -> new CommittedVersion(partition, m,
                fs.makeQualified(new Path(location.partitionDir(partition), m.version)), 0, null));
    }

    public PartitionSpec partition() {
        return partition;
    }

    public PartitionManifest manifest() {
        return manifest;
    }

    /** The version's directory, fully qualified: where the metastore partition points. */
    public Path directory() {
        return directory;
    }

    /** The data files, fully qualified, exactly as the commit named them. */
    public List<Path> files() {
        return manifest.files.stream().map(e -> new Path(directory, e.file)).collect(java.util.stream.Collectors.toList());
    }

    /** Wall time from publishing the files to the last step after the commit point. */
    public double commitSeconds() {
        return commitSeconds;
    }

    /**
     * What failed after the commit point, if anything: a publisher (the metastore still serves
     * the previous version) or removing the previous version (path readers still see it). The
     * commit stands; the next run or {@code replicator clean} finishes the job.
     */
    public Optional<ReplicatorException> unfinished() {
        return Optional.ofNullable(unfinished);
    }
}
