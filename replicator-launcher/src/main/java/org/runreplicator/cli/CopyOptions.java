package org.runreplicator.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.runreplicator.parquet.WriterSettings;
import org.runreplicator.run.RunOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options {@code run} and {@code plan} share, as typed on the command line (or supplied by
 * {@link ConfigDefaults}). {@link CopySettings#resolve} turns them into {@link RunOptions}.
 */
final class CopyOptions {
    // Repeatable KEY=VALUE options also take a comma-separated list (from a config file or the
    // environment); commas inside parentheses stay, so DECIMAL(18,4) survives.
    static final String LIST_SPLIT = ",(?![^(]*\\))";

    @Parameters(index = "0", paramLabel = "DB", description = "Source database (schema for PostgreSQL and H2).")
    String database;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Source table.")
    String table;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of option values, keys without dashes (source-url=...).")
    String configFile;

    @Option(names = "--source-url", paramLabel = "JDBC_URL", description = "jdbc:teradata://..., jdbc:postgresql://... or jdbc:h2:...")
    String sourceUrl;

    @Option(names = "--source-user", paramLabel = "USER")
    String sourceUser;

    @Option(names = "--source-password-file", paramLabel = "PATH",
            description = "File holding the password: a local path, hdfs://... or gs://...; a trailing newline is ignored.")
    String sourcePasswordFile;

    @Option(names = "--source-password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String sourcePasswordEnv;

    @Option(names = "--connection-property", paramLabel = "KEY=VALUE", split = LIST_SPLIT, splitSynopsisLabel = ",",
            description = "JDBC driver property, repeatable (e.g. TMODE=ANSI for Teradata).")
    Map<String, String> connectionProperties = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "URI", description = "Base location: file:///..., hdfs://... or gs://bucket/prefix.")
    String target;

    @Option(names = "--partition", paramLabel = "KEY=VALUE",
            description = "Partition to replace (default: ds=<date of --td-timestamp>, else today in UTC).")
    String partition;

    @Option(names = "--td-timestamp", paramLabel = "ISO-8601",
            description = "The on-prem run this mirrors: an instant with offset or Z (2024-05-01T02:30:00Z), "
                    + "or a local date-time taken as UTC (2024-05-01T02:30:00).")
    String tdTimestamp;

    @Option(names = "--split-method", paramLabel = "METHOD", defaultValue = "auto",
            description = "auto, hash, range, partition or none (default: ${DEFAULT-VALUE}).")
    String splitMethod;

    @Option(names = "--split-by", paramLabel = "COLUMN", description = "Column to split on (default: the planner chooses).")
    String splitBy;

    @Option(names = "--splits", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_SPLITS,
            description = "Number of splits (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_MAX_CONNECTIONS,
            description = "Concurrent source connections (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--fetch-size", paramLabel = "ROWS", defaultValue = "" + RunOptions.DEFAULT_FETCH_SIZE,
            description = "JDBC fetch size (default: ${DEFAULT-VALUE}).")
    int fetchSize;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_MAX_ATTEMPTS,
            description = "Attempts per split on transient source errors (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--where", paramLabel = "PREDICATE", description = "SQL filter applied to every split.")
    String where;

    @Option(names = "--map-column", paramLabel = "COL=TYPE", split = LIST_SPLIT, splitSynopsisLabel = ",",
            description = "Override a column's target type, repeatable (e.g. AMOUNT=STRING).")
    Map<String, String> mapColumns = new LinkedHashMap<>();

    @Option(names = "--trim-char", description = "Trim trailing blanks from CHAR values.")
    boolean trimChar;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = WriterSettings.DEFAULT_COMPRESSION,
            description = "snappy, zstd, gzip or none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--parquet-flavor", paramLabel = "FLAVOR", defaultValue = "hive3",
            description = "Parquet encodings of decimals and timestamps: hive3 (FIXED_LEN_BYTE_ARRAY decimals, INT96 UTC"
                    + " timestamps; Hive 3.1 on Dataproc 2.2/2.3, and Spark, Trino, DuckDB, BigQuery) or modern (INT32/INT64"
                    + " decimals, INT64 TIMESTAMP(MICROS); Hive 4 on Dataproc 3.0, Spark, Trino, DuckDB, BigQuery) (default: ${DEFAULT-VALUE}).")
    String parquetFlavor;

    @Option(names = "--target-file-size", paramLabel = "SIZE",
            description = "Roll to a new Parquet file past this size (default: " + (WriterSettings.DEFAULT_TARGET_FILE_BYTES >> 20) + "m).")
    String targetFileSize;

    @Option(names = "--dictionary", paramLabel = "COLUMNS", defaultValue = "strings",
            description = "Parquet dictionary encoding for strings (text and binary columns; default), all columns, or none.")
    String dictionary;

    @Option(names = "--row-group-size", paramLabel = "SIZE",
            description = "Parquet row group size (default: " + (WriterSettings.DEFAULT_ROW_GROUP_BYTES >> 20) + "m).")
    String rowGroupSize;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (threads in this JVM) or mapreduce (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--metastore", paramLabel = "WHERE", defaultValue = MetastoreSettings.HIVE_SITE,
            description = "Hive Metastore to register the partition in: thrift://HOST:PORT[,thrift://HOST:PORT...], none, or"
                    + " hive-site: the hive.metastore.uris of the hive-site.xml on the classpath or in $HIVE_CONF_DIR, none"
                    + " without one (default: ${DEFAULT-VALUE}). -D hive.metastore.* settings reach the client.")
    String metastore;

    @Option(names = "--schema-change", paramLabel = "POLICY", defaultValue = "fail",
            description = "When the source's columns differ from the Hive table's: fail (name every difference, write"
                    + " nothing) or evolve (append new columns, widen types; drops, moves and narrowing still fail)"
                    + " (default: ${DEFAULT-VALUE}).")
    String schemaChange;

    @Option(names = "--job-id", paramLabel = "ID",
            description = "Job id to record (default: the Dataproc job id from YARN tags dataproc_job_<id>, else generated).")
    String jobId;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "GCP",
            description = "Ledger environment of this run (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--allow-changing-source",
            description = "On a source without a shared snapshot (Teradata), commit even when the splits copied other than the"
                    + " table's count when the copy began (rows changed meanwhile). PostgreSQL copies always read one shared snapshot.")
    boolean allowChangingSource;

    @Option(names = "--source-lock", paramLabel = "LOCK",
            description = "Teradata only: read (one session holds a READ lock on the table from the count to the last split;"
                    + " writers wait, and the copy is consistent) or access (writers are never blocked; a table that changes"
                    + " meanwhile fails the count check) (default: read).")
    String sourceLock;

    @Option(names = "--wait-for-lock", paramLabel = "DURATION", defaultValue = "0",
            description = "When another run is writing the same partition, wait this long for it (90s, 10m, 2h)"
                    + " instead of failing at once (default: ${DEFAULT-VALUE}).")
    String waitForLock;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines on stderr (default: ${DEFAULT-VALUE}).")
    int progressIntervalSeconds;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Hadoop configuration property, repeatable (-D key=value or -Dkey=value).")
    Map<String, String> hadoopProperties = new LinkedHashMap<>();
}
