package org.runreplicator.commit;

import java.net.URI;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.runreplicator.PartitionSpec;
import org.runreplicator.source.TableRef;

/**
 * Where one table's files live on a store; the only place that decides it.
 *
 * <pre>
 * &lt;target&gt;/&lt;db&gt;/&lt;table&gt;/&lt;key&gt;=&lt;value&gt;/                 the partition path readers list
 *     run-&lt;runId&gt;/part-*.parquet                     a committed version (one, except for a moment during a commit)
 *     _commits/0000000042.json                        the commit log: the highest entry names the current version
 * &lt;target&gt;/_replicator/&lt;db&gt;/&lt;table&gt;/&lt;key&gt;=&lt;value&gt;/    the control area, outside the table
 *     lease/0000000007.json                           the writer's lease, one file per epoch
 *     runs/&lt;runId&gt;/split-00003/attempt-1/...          a run's staging: every split attempt apart
 *     retired/...                                     previous versions on their way out
 * </pre>
 *
 * Database and table names are lower-cased, as the Hive Metastore names them. The control area
 * sits outside the table directory so that no reader of the table, not even a recursive glob
 * that ignores the leading-underscore rule, can see staging files.
 */
public final class TableLocation {
    static final String COMMITS = "_commits";
    static final String CONTROL = "_replicator";
    static final String VERSION_PREFIX = "run-";

    private final Path tableDir;
    private final Path controlDir;

    private TableLocation(Path tableDir, Path controlDir) {
        this.tableDir = tableDir;
        this.controlDir = controlDir;
    }

    /** The location of {@code table} under {@code target}, e.g. {@code gs://bucket/replica}. */
    public static TableLocation of(URI target, TableRef table) {
        String base = target.toString().endsWith("/") ? target.toString() : target + "/";
        String relative = table.database().toLowerCase(Locale.ROOT) + "/" + table.table().toLowerCase(Locale.ROOT);
        return new TableLocation(new Path(base + relative), new Path(base + CONTROL + "/" + relative));
    }

    /** {@code <target>/<db>/<table>}: the Hive table location. */
    public Path tableDir() {
        return tableDir;
    }

    /** {@code <table>/<key>=<value>}: what path readers list. */
    public Path partitionDir(PartitionSpec partition) {
        return new Path(tableDir, partition.pathComponent());
    }

    /** The directory a run's committed version occupies: {@code <partition>/run-<runId>}. */
    public Path versionDir(PartitionSpec partition, String runId) {
        return new Path(partitionDir(partition), VERSION_PREFIX + runId);
    }

    /** {@code <partition>/_commits}. */
    public Path commitLogDir(PartitionSpec partition) {
        return new Path(partitionDir(partition), COMMITS);
    }

    /** {@code <target>/_replicator/<db>/<table>}: staging, leases and retired versions of the table. */
    public Path controlDir() {
        return controlDir;
    }

    Path partitionControlDir(PartitionSpec partition) {
        return new Path(controlDir, partition.pathComponent());
    }

    Path leaseDir(PartitionSpec partition) {
        return new Path(partitionControlDir(partition), "lease");
    }

    Path runsDir(PartitionSpec partition) {
        return new Path(partitionControlDir(partition), "runs");
    }

    Path runDir(PartitionSpec partition, String runId) {
        return new Path(runsDir(partition), runId);
    }

    Path splitDir(PartitionSpec partition, String runId, int splitIndex) {
        return new Path(runDir(partition, runId), String.format(Locale.ROOT, "split-%05d", splitIndex));
    }

    Path attemptDir(PartitionSpec partition, String runId, int splitIndex, int attempt) {
        return new Path(splitDir(partition, runId, splitIndex), "attempt-" + attempt);
    }

    Path retiredDir(PartitionSpec partition) {
        return new Path(partitionControlDir(partition), "retired");
    }

    /** Whether a name under the partition directory is data to path readers (not hidden by {@code _} or {@code .}). */
    static boolean isVisible(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }

    @Override
    public String toString() {
        return tableDir.toString();
    }
}
