package org.runreplicator.commit;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.TableRef;

/**
 * Chooses the {@link CommitStore} for a target from its scheme. Only stores whose guarantees the
 * protocol relies on have been checked are accepted: an atomic create-if-absent for the lease and
 * the commit log, and for directory-rename stores a rename that never replaces. S3 through s3a,
 * for one, has no atomic create-if-absent, so two runs could both believe they hold a partition.
 */
public final class CommitProtocols {
    private CommitProtocols() {
    }

    /** The commit protocol for {@code table} under {@code target}. */
    public static CommitProtocol forTable(URI target, TableRef table, Configuration conf, List<VersionPublisher> publishers,
            Clock clock) {
        return new VersionedCommitProtocol(store(target, conf), TableLocation.of(target, table), publishers, clock);
    }

    /** The store for {@code target}; a usage error for a scheme the protocol cannot commit to safely. */
    public static CommitStore store(URI target, Configuration conf) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return new LocalCommitStore(rawLocal(fileSystem(target, conf)));
            case "hdfs":
            case "viewfs":
                return HadoopCommitStore.directoryRename(fileSystem(target, conf));
            case "gs":
                return HadoopCommitStore.objectStore(fileSystem(target, conf));
            default:
                throw ReplicatorException.usage("Cannot write to " + target + ": " + scheme + ":// is not a store Run Replicator"
                        + " can commit to safely (it needs an atomic create-if-absent); use file://, hdfs:// or gs://");
        }
    }

    private static FileSystem fileSystem(URI target, Configuration conf) {
        try {
            return FileSystem.get(target, conf);
        } catch (IOException | RuntimeException e) {
            throw ReplicatorException.target("Cannot open target " + target + ": " + e.getMessage(), e);
        }
    }

    private static RawLocalFileSystem rawLocal(FileSystem fs) {
        FileSystem raw = fs instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fs).getRawFileSystem() : fs;
        if (!(raw instanceof RawLocalFileSystem)) {
            throw ReplicatorException.usage("file:// is served by " + raw.getClass().getName() + ", not the local file system");
        }
        return (RawLocalFileSystem) raw;
    }
}
