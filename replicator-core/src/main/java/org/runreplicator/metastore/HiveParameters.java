package org.runreplicator.metastore;

import java.util.LinkedHashMap;
import java.util.Map;
import org.runreplicator.RunIdentity;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.PartitionManifest;

/**
 * The parameters Run Replicator writes on Hive tables and partitions: where the data came from
 * (source table, run, job, on-prem run) and, on partitions, exact basic statistics. The statistics
 * are the commit's own counts, so Hive's stats-based answers ({@code count(*)} from
 * {@code numRows}) are right without a scan.
 */
public final class HiveParameters {
    public static final String SOURCE_TABLE = "runreplicator.source.table";
    public static final String RUN_ID = "runreplicator.run.id";
    public static final String JOB_ID = "runreplicator.job.id";
    public static final String TD_TIMESTAMP = "runreplicator.td_timestamp";
    public static final String VERSION = "runreplicator.version";
    public static final String SEQUENCE = "runreplicator.commit.sequence";
    public static final String COMMITTED_AT = "runreplicator.committed_at";
    static final String CREATED_BY = "created.by";
    static final String CREATOR = "run-replicator";

    // Hive's StatsSetupConst names: numFiles and totalSize are its "fast stats", which the metastore
    // recomputes by listing the location when any is missing.
    public static final String NUM_ROWS = "numRows";
    public static final String NUM_FILES = "numFiles";
    public static final String TOTAL_SIZE = "totalSize";
    public static final String STATS_ACCURATE = "COLUMN_STATS_ACCURATE";
    static final String BASIC_STATS_ACCURATE = "{\"BASIC_STATS\":\"true\"}";

    private HiveParameters() {
    }

    /** The table's: which source and which run created or last changed its schema. */
    static Map<String, String> forTable(RunIdentity run, String sourceTable) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CREATED_BY, CREATOR);
        params.put(SOURCE_TABLE, sourceTable);
        params.put(RUN_ID, run.runId());
        params.put(JOB_ID, run.jobId());
        if (run.tdTimestamp() != null) {
            params.put(TD_TIMESTAMP, run.tdTimestamp().toString());
        }
        return params;
    }

    /** A partition's: the commit that made it, and its exact statistics. */
    static Map<String, String> forPartition(CommittedVersion version) {
        PartitionManifest m = version.manifest();
        Map<String, String> params = new LinkedHashMap<>();
        params.put(SOURCE_TABLE, m.source);
        params.put(RUN_ID, m.runId);
        params.put(JOB_ID, m.jobId);
        if (m.tdTimestamp != null) {
            params.put(TD_TIMESTAMP, m.tdTimestamp);
        }
        params.put(VERSION, m.version);
        params.put(SEQUENCE, Long.toString(m.sequence));
        params.put(COMMITTED_AT, m.committedAt);
        params.put(NUM_ROWS, Long.toString(m.rows));
        params.put(NUM_FILES, Integer.toString(m.files.size()));
        params.put(TOTAL_SIZE, Long.toString(m.bytes));
        params.put(STATS_ACCURATE, BASIC_STATS_ACCURATE);
        return params;
    }
}
