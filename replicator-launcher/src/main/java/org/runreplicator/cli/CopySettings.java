package org.runreplicator.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.engine.Engine;
import org.runreplicator.mapreduce.MapReduceEngine;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.parquet.DictionaryColumns;
import org.runreplicator.parquet.WriterSettings;
import org.runreplicator.run.RunOptions;
import org.runreplicator.source.Identifiers;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.runreplicator.types.ParquetFlavor;

/**
 * Everything {@code run} and {@code plan} need, resolved once from {@link CopyOptions}: the
 * immutable {@link RunOptions} for core, the Hadoop configuration ({@code -D} applied), and the
 * launcher's own settings. Every problem is a usage error naming the option and the value.
 */
final class CopySettings {
    private static final Logger LOG = LoggerFactory.getLogger(CopySettings.class);
    static final String ENGINE_LOCAL = "local";
    static final String ENGINE_MAPREDUCE = "mapreduce";
    static final String NONE = "none";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[;,?&/:]password=");

    private final RunOptions runOptions;
    private final Configuration hadoopConf;
    private final Duration progressInterval;
    private final LedgerOptions ledger;
    private final String jobIdOrigin;
    private final Optional<MetastoreOptions> metastore;
    private String engine = ENGINE_LOCAL;

    private CopySettings(RunOptions runOptions, Configuration hadoopConf, Duration progressInterval, LedgerOptions ledger,
            String jobIdOrigin, Optional<MetastoreOptions> metastore) {
        this.runOptions = runOptions;
        this.hadoopConf = hadoopConf;
        this.progressInterval = progressInterval;
        this.ledger = ledger;
        this.jobIdOrigin = jobIdOrigin;
        this.metastore = metastore;
    }

    /**
     * Resolves {@code o} and, for {@code run}, its ledger options ({@code ledgerArguments}; null for
     * {@code plan}, which records nothing). Passwords, once read, are registered with
     * {@code redactor} before anything else can fail. {@code systemProperties} may carry Dataproc's
     * YARN tags (see {@link JobId}).
     */
    static CopySettings resolve(CopyOptions o, LedgerArguments ledgerArguments, Map<String, String> env, Properties systemProperties,
            SecretRedactor redactor, Clock clock) {
        Configuration conf = hadoopConf(o);
        Secret password = PasswordReader.SOURCE.read(o.sourcePasswordFile, o.sourcePasswordEnv, env, conf);
        redactor.register(password);

        LedgerOptions ledger = ledgerArguments == null ? LedgerOptions.builder(LedgerSpec.none()).build()
                : LedgerSettings.resolve(ledgerArguments, LedgerSpec.NONE, env, redactor, conf);
        checkEngine(o.engine);
        Optional<MetastoreOptions> metastore = MetastoreSettings.resolve(o.metastore, o.schemaChange, o.hadoopProperties, env,
                CopySettings.class.getClassLoader());
        JobId jobId = JobId.resolve(o.jobId, conf, systemProperties, clock);

        RunOptions.Builder b = RunOptions.builder()
                .table(new TableRef(o.database, o.table))
                .sourceUrl(sourceUrl(o.sourceUrl))
                .sourceUser(o.sourceUser)
                .sourcePassword(password)
                .target(target(o.target))
                .splitMethod(SplitMethod.parse(o.splitMethod))
                .splitBy(o.splitBy == null ? null : Identifiers.requireValid(o.splitBy, "--split-by column"))
                .splits(cappedSplits(o.splits, o.maxConnections))
                .where(o.where == null || o.where.isBlank() ? null : o.where)
                .maxConnections(o.maxConnections)
                .fetchSize(o.fetchSize)
                .maxAttempts(o.maxAttempts)
                .columnTypeOverrides(columnTypes(o.mapColumns))
                .trimChar(o.trimChar)
                .parquetFlavor(ParquetFlavor.parse(o.parquetFlavor))
                .writer(writer(o))
                .jobId(jobId.value())
                .environment(o.environment)
                .waitForLock(WaitDuration.parse(o.waitForLock, "--wait-for-lock"))
                .allowChangingSource(o.allowChangingSource)
                .sourceLock(o.sourceLock == null ? null : SourceLock.parse(o.sourceLock));
        o.connectionProperties.forEach(b::connectionProperty);
        if (o.tdTimestamp != null) {
            b.tdTimestamp(TdTimestamp.parse(o.tdTimestamp));
        }
        if (o.partition != null) {
            PartitionSpec partition = PartitionSpec.parse(o.partition);
            b.partition(partition);
            warnIfDatesDisagree(partition, o.tdTimestamp == null ? null : TdTimestamp.parse(o.tdTimestamp));
        } else if (o.tdTimestamp == null) {
            // "Today" comes from the invocation's clock, so the date a run lands in is decided in one place.
            b.partition(PartitionSpec.defaultFor(clock.instant()));
        }
        if (o.progressIntervalSeconds < 1) {
            throw ReplicatorException.usage("Invalid --progress-interval " + o.progressIntervalSeconds + ": must be at least 1 second");
        }
        CopySettings settings = new CopySettings(b.build(), conf, Duration.ofSeconds(o.progressIntervalSeconds), ledger,
                jobId.origin(), metastore);
        settings.engine = o.engine;
        return settings;
    }

    /** More than this many splits per source connection only adds sessions and queries. */
    static final int MAX_SPLITS_PER_CONNECTION = 64;

    private static int cappedSplits(int splits, int maxConnections) {
        long cap = (long) MAX_SPLITS_PER_CONNECTION * Math.max(1, maxConnections);
        if (maxConnections >= 1 && splits > cap) {
            LOG.info("Planning {} splits instead of --splits {}: at most {} per source connection (--max-connections {})",
                    cap, splits, MAX_SPLITS_PER_CONNECTION, maxConnections);
            return (int) cap;
        }
        return splits;
    }

    // A run after midnight may load the previous day on purpose: worth a line, not a failure.
    private static void warnIfDatesDisagree(PartitionSpec partition, Instant tdTimestamp) {
        if (tdTimestamp == null || partition.date().isEmpty()) {
            return;
        }
        LocalDate tdDate = tdTimestamp.atOffset(ZoneOffset.UTC).toLocalDate();
        if (!partition.date().get().equals(tdDate)) {
            LOG.warn("Writing partition {} although --td-timestamp {} falls on {} (UTC)", partition, tdTimestamp, tdDate);
        }
    }

    /** What {@code clean} needs: the table, a required target and the Hadoop configuration; no source. */
    static TargetOnly resolveTarget(CopyOptions o, Map<String, String> env) {
        TableRef table = new TableRef(o.database, o.table);
        URI uri = target(o.target);
        if (uri == null) {
            throw ReplicatorException.usage("Missing --target");
        }
        return new TargetOnly(table, uri, hadoopConf(o), MetastoreSettings.resolve(o.metastore, o.schemaChange, o.hadoopProperties,
                env, CopySettings.class.getClassLoader()));
    }

    /** The table and target of a command that touches only the target. */
    static final class TargetOnly {
        private final TableRef table;
        private final URI uri;
        private final Configuration hadoopConf;
        private final Optional<MetastoreOptions> metastore;

        TargetOnly(TableRef table, URI uri, Configuration hadoopConf, Optional<MetastoreOptions> metastore) {
            this.table = table;
            this.uri = uri;
            this.hadoopConf = hadoopConf;
            this.metastore = metastore;
        }

        Optional<MetastoreOptions> metastore() {
            return metastore;
        }

        TableRef table() {
            return table;
        }

        URI uri() {
            return uri;
        }

        Configuration hadoopConf() {
            return hadoopConf;
        }
    }

    private static Configuration hadoopConf(CopyOptions o) {
        // Under hadoop jar, ToolRunner's generic options (-conf, -D before the command) come first; ours override them.
        Configuration conf = HadoopTool.baseConfiguration();
        for (Map.Entry<String, String> property : o.hadoopProperties.entrySet()) {
            conf.set(property.getKey(), property.getValue(), "command line -D");
        }
        return conf;
    }

    RunOptions runOptions() {
        return runOptions;
    }

    /** The Hadoop configuration handed to core: the cluster's files plus every {@code -D}. */
    Configuration hadoopConf() {
        return hadoopConf;
    }

    Duration progressInterval() {
        return progressInterval;
    }

    /** The run ledger; its spec is {@code none} when there is none. */
    LedgerOptions ledger() {
        return ledger;
    }

    /** The Hive Metastore to register the partition in, if any. */
    Optional<MetastoreOptions> metastore() {
        return metastore;
    }

    /** Where the job id came from, for the log's first line. */
    String jobIdOrigin() {
        return jobIdOrigin;
    }

    /**
     * The engine {@code --engine} chose, or empty for the run's default (local threads). The
     * MapReduce engine submits to the cluster {@link #hadoopConf} names ({@code mapreduce.framework.name}).
     */
    Optional<Engine> engine() {
        if (ENGINE_MAPREDUCE.equals(engine)) {
            return Optional.of(new MapReduceEngine(hadoopConf, runOptions.maxConnections(), runOptions.maxAttempts()));
        }
        return Optional.empty();
    }

    private static void checkEngine(String engine) {
        if (!ENGINE_LOCAL.equals(engine) && !ENGINE_MAPREDUCE.equals(engine)) {
            throw ReplicatorException.usage("Invalid --engine '" + engine + "': expected local or mapreduce");
        }
    }

    private static String sourceUrl(String url) {
        if (url == null) {
            return null;
        }
        if (!url.startsWith("jdbc:")) {
            throw ReplicatorException.usage("Invalid --source-url: expected a JDBC URL (jdbc:teradata://..., jdbc:postgresql://..., jdbc:h2:...)");
        }
        if (PASSWORD_IN_URL.matcher(url).find()) {
            throw ReplicatorException.usage("Invalid --source-url: it carries a password; use --source-password-file or --source-password-env");
        }
        return url;
    }

    private static URI target(String target) {
        if (target == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw ReplicatorException.usage("Invalid --target '" + target + "': " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            throw ReplicatorException.usage("Invalid --target '" + target + "': expected a URI such as file:///data/out, hdfs://nn/warehouse or gs://bucket/prefix");
        }
        return uri;
    }

    private static Map<String, String> columnTypes(Map<String, String> mapColumns) {
        for (Map.Entry<String, String> e : mapColumns.entrySet()) {
            Identifiers.requireValid(e.getKey(), "--map-column column");
            if (e.getValue().isBlank()) {
                throw ReplicatorException.usage("Invalid --map-column " + e.getKey() + "=: expected COL=TYPE, e.g. AMOUNT=STRING");
            }
        }
        return Map.copyOf(mapColumns);
    }

    private static WriterSettings writer(CopyOptions o) {
        long fileBytes = o.targetFileSize == null
                ? WriterSettings.DEFAULT_TARGET_FILE_BYTES
                : ByteSize.parse(o.targetFileSize, "--target-file-size");
        int rowGroupBytes = o.rowGroupSize == null
                ? WriterSettings.DEFAULT_ROW_GROUP_BYTES
                : ByteSize.parseInt(o.rowGroupSize, "--row-group-size");
        return new WriterSettings(WriterSettings.codec(o.compression), fileBytes, rowGroupBytes,
                Math.min(WriterSettings.DEFAULT_PAGE_BYTES, rowGroupBytes), DictionaryColumns.parse(o.dictionary));
    }
}
