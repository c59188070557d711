package org.runreplicator.commit;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.ReplicatorException;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.run.PartitionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces one partition directory, {@code <table>/<key>=<value>/}, with a run's files, so that
 * readers listing it see the previous run or this one, never a mix, a part, or duplicates.
 *
 * <p>The contract (after Iceberg's {@code TableOperations.commit}):
 * <ol>
 *   <li>Everything a run writes goes under {@code <table>/_staging/<run>/}, invisible to readers
 *       (a leading underscore). Each split attempt has its own directory; a failed or retried
 *       attempt's directory is deleted, so only one attempt per split ever reaches the commit.</li>
 *   <li>At commit the base is checked: if another run committed the partition since this run
 *       began, nothing is changed and the run fails.</li>
 *   <li>The new partition is assembled inside staging (files moved, {@code _manifest.json}
 *       written), then swapped in by two directory renames: the live directory aside, the new one
 *       into place (rolled back if the second fails). Directory rename is atomic on HDFS and on
 *       local file systems; a reader listing in the instant between the two renames finds no
 *       directory rather than a mix.</li>
 *   <li>Nothing after the swap can fail the run: removing the previous files is best effort.</li>
 * </ol>
 * Object stores without atomic rename (GCS) commit through a metadata pointer instead.
 */
public final class PartitionCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionCommitter.class);
    static final String STAGING = "_staging";
    private static final Set<String> ATOMIC_RENAME_SCHEMES = Set.of("file", "hdfs", "viewfs");

    private final FileSystem fs;
    private final Path partitionDir;
    private final Path runDir;
    private final String runId;
    private final String baseRunId;

    private PartitionCommitter(FileSystem fs, Path partitionDir, Path runDir, String runId, String baseRunId) {
        this.fs = fs;
        this.partitionDir = partitionDir;
        this.runDir = runDir;
        this.runId = runId;
        this.baseRunId = baseRunId;
    }

    /**
     * Fails unless the target's file system renames directories atomically, which the swap
     * relies on. Object stores (gs://, s3a://) copy and delete instead.
     */
    public static void requireAtomicRename(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!ATOMIC_RENAME_SCHEMES.contains(scheme)) {
            throw ReplicatorException.usage("Cannot commit to " + target + ": " + scheme + ":// has no atomic directory rename,"
                    + " and its pointer-based commit is not in this build; use file:// or hdfs://");
        }
    }

    /** Starts a run on {@code tableDir}'s partition: notes the partition's current state and creates the run's staging area. */
    public static PartitionCommitter begin(FileSystem fs, Path tableDir, PartitionSpec partition, String runId) {
        Path partitionDir = new Path(tableDir, partition.pathComponent());
        Path runDir = new Path(new Path(new Path(tableDir, STAGING), partition.pathComponent()), runId);
        try {
            String base = currentRunId(fs, partitionDir);
            if (!fs.mkdirs(runDir)) {
                throw new IOException("mkdirs returned false");
            }
            return new PartitionCommitter(fs, partitionDir, runDir, runId, base);
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot prepare partition " + partitionDir + ": " + e.getMessage(), e);
        }
    }

    public Path partitionDir() {
        return partitionDir;
    }

    /** A fresh, empty directory for one attempt at one split. */
    public Path attemptDir(int splitIndex, int attempt) {
        return new Path(runDir, String.format("split-%05d/attempt-%d", splitIndex, attempt));
    }

    /** Deletes an attempt's output: it failed, or will be retried. */
    public void discard(Path attemptDir) {
        try {
            fs.delete(attemptDir, true);
        } catch (IOException e) {
            LOG.warn("Cannot delete failed attempt output {}: {}", attemptDir, e.getMessage());
        }
    }

    /**
     * Makes {@code files} (each split's successful attempt) the partition's whole content.
     * Returns the partition directory.
     */
    public Path commit(List<WrittenFile> files, String jobId, String source) {
        try {
            String current = currentRunId(fs, partitionDir);
            if (!Objects.equals(current, baseRunId)) {
                throw ReplicatorException.target("Cannot commit partition " + partitionDir + ": run " + current
                        + " replaced it while this run was writing (it held run " + baseRunId + " when this run began)", null);
            }
            Path assembled = new Path(runDir, partitionDir.getName());
            fs.mkdirs(assembled);
            List<PartitionManifest.Entry> entries = new ArrayList<>();
            long rows = 0;
            for (WrittenFile file : files) {
                Path staged = new Path(file.path());
                Path dest = new Path(assembled, staged.getName());
                if (!fs.rename(staged, dest)) {
                    throw new IOException("rename of " + staged + " to " + dest + " returned false");
                }
                entries.add(new PartitionManifest.Entry(dest.getName(), file.rows(), file.bytes()));
                rows += file.rows();
            }
            new PartitionManifest(runId, jobId, source, Instant.now().toString(), rows, entries).writeTo(fs, assembled);
            swapIn(assembled);
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot commit partition " + partitionDir + ": " + e.getMessage(), e);
        }
        cleanUp();
        return partitionDir;
    }

    /** Removes everything this run wrote; the partition keeps its previous content. */
    public void abort() {
        cleanUp();
    }

    private void swapIn(Path assembled) throws IOException {
        Path previous = new Path(runDir, "_previous");
        boolean hadPrevious = fs.exists(partitionDir);
        if (hadPrevious && !fs.rename(partitionDir, previous)) {
            throw new IOException("cannot move the current partition aside to " + previous);
        }
        if (!fs.rename(assembled, partitionDir)) {
            if (hadPrevious && !fs.rename(previous, partitionDir)) {
                LOG.error("Partition {} is missing: its previous content is at {}", partitionDir, previous);
            }
            throw new IOException("cannot move the new partition into place");
        }
    }

    private void cleanUp() {
        try {
            fs.delete(runDir, true);
            // Remove _staging/<partition> and _staging when no other run is using them; a
            // non-recursive delete fails harmlessly if one just started.
            for (Path dir = runDir.getParent(); !dir.equals(partitionDir.getParent()); dir = dir.getParent()) {
                FileStatus[] left = fs.listStatus(dir);
                if (left.length > 0 || !fs.delete(dir, false)) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove staging directory {}: {}", runDir, e.getMessage());
        }
    }

    private static String currentRunId(FileSystem fs, Path partitionDir) throws IOException {
        if (!fs.exists(partitionDir)) {
            return null;
        }
        PartitionManifest manifest = PartitionManifest.readFrom(fs, partitionDir);
        return manifest == null ? "(unmanaged)" : manifest.runId;
    }
}
