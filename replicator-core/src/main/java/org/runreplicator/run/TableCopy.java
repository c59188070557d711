package org.runreplicator.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.commit.CommitProtocol;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.PartitionManifest;
import org.runreplicator.commit.PartitionWrite;
import org.runreplicator.engine.Engine;
import org.runreplicator.engine.LocalEngine;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.engine.SplitResult;
import org.runreplicator.engine.SplitTask;
import org.runreplicator.engine.WriterBudget;
import org.runreplicator.parquet.SplitFileWriter;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.source.Dialects;
import org.runreplicator.source.SourceConnector;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.SourceTable;
import org.runreplicator.split.Split;
import org.runreplicator.split.SplitPlan;
import org.runreplicator.split.SplitPlanner;
import org.runreplicator.types.ColumnMapping;
import org.runreplicator.types.TableSchema;
import org.runreplicator.types.TypeMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table into one partition: plan, hand the splits to an {@link Engine}, commit what
 * its winning attempts wrote through a {@link CommitProtocol}. It knows neither which engine
 * nor which store.
 */
public final class TableCopy {
    private static final Logger LOG = LoggerFactory.getLogger(TableCopy.class);

    private final RunOptions options;
    private final Configuration hadoopConf;
    private final SourceDialect dialect;
    private final SourceConnector connector;
    private final SourceLock sourceLock;
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<CatalogTable> catalogTables = new ArrayList<>();
    private Duration firstRetryBackoff = LocalEngine.DEFAULT_FIRST_BACKOFF;
    private Clock clock = Clock.systemUTC();
    private CommitProtocol protocol;
    private Engine engine;
    private volatile Engine running;
    private volatile ReplicatorException stopped;

    public TableCopy(RunOptions options, Configuration hadoopConf) {
        this(options, hadoopConf, Dialects.forUrl(options.sourceUrl()));
    }

    /** With a given dialect: tests run the Teradata dialect against its H2 stand-in this way. */
    TableCopy(RunOptions options, Configuration hadoopConf, SourceDialect dialect) {
        this.options = options;
        this.hadoopConf = hadoopConf;
        this.dialect = dialect;
        this.connector = new SourceConnector(options.sourceUrl(), options.sourceUser(), options.sourcePassword(),
                options.connectionProperties(), dialect);
        this.sourceLock = sourceLock(options.sourceLock(), dialect);
    }

    /** The lock the copy takes: the user's, else the dialect's default; none where the source takes no table locks. */
    private static SourceLock sourceLock(SourceLock asked, SourceDialect dialect) {
        if (asked != null && dialect.defaultSourceLock() == null) {
            throw ReplicatorException.usage("--source-lock applies to sources that lock tables for reading (Teradata);"
                    + " a " + dialect.name() + " copy takes no table lock");
        }
        return asked != null ? asked : dialect.defaultSourceLock();
    }

    /** Runs the splits on {@code engine} instead of local threads ({@code --engine}). */
    public TableCopy withEngine(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** Shortens the wait before a split is retried (tests). */
    public TableCopy withFirstRetryBackoff(Duration backoff) {
        this.firstRetryBackoff = backoff;
        return this;
    }

    /** Commits through {@code protocol} instead of the target's default (publishers, or a store wrapped by a test). */
    public TableCopy withCommitProtocol(CommitProtocol protocol) {
        this.protocol = protocol;
        return this;
    }

    /** Adds a catalog table prepared (created, checked, evolved) after planning and before any data is written. */
    public TableCopy withCatalogTable(CatalogTable table) {
        this.catalogTables.add(table);
        return this;
    }

    /** Adds a listener told of the run's start, commit or failure (see {@link RunListener} for the contract). */
    public TableCopy withListener(RunListener listener) {
        this.listeners.add(listener);
        return this;
    }

    /**
     * Asks the run to stop (a signal, a scheduler's kill): the engine cancels its attempts and the
     * run fails with {@code why} (kind {@link FailureKind#STOPPED}), removing its files as any failed
     * run does, unless the commit has already begun (a commit is short and is never cut in two).
     * Safe from any thread.
     */
    public void stop(ReplicatorException why) {
        stopped = why;
        Engine engine = running;
        if (engine != null) {
            engine.cancel();
        }
    }

    /** Connects, describes the table, maps its types and plans the splits; writes nothing. */
    public PlanReport plan() {
        Planned planned = planTable();
        List<PlanReport.ColumnLine> lines = new ArrayList<>();
        for (ColumnMapping column : planned.schema.columns()) {
            lines.add(new PlanReport.ColumnLine(column.name(), column.sourceType(), column.parquetTypeName(), column.hiveType(),
                    column.bigQueryType()));
        }
        return new PlanReport(planned.table.ref().toString(), lines, planned.plan);
    }

    /**
     * Runs the copy and commits the partition. A failure throws {@link ReplicatorException} and
     * leaves the previous partition content visible and this run's files removed.
     */
    public RunSummary run(ProgressListener progress) {
        RunIdentity run = new RunIdentity(RunIdentity.newRunId(options.jobId()), options.jobId(), options.table(),
                options.partition(), options.tdTimestamp(), options.environment(), clock.instant());
        RunListeners told = new RunListeners(listeners);
        RunSummary summary;
        try {
            told.started(run);
            summary = copy(run, progress);
        } catch (RuntimeException e) {
            ReplicatorException failure = RunListeners.asFailure(e);
            told.failed(run, failure);
            throw failure;
        }
        told.committed(run, summary);
        if (summary.unfinished != null) {
            throw new CommittedRunException(summary.unfinished, summary, null);
        }
        return summary;
    }

    private RunSummary copy(RunIdentity run, ProgressListener progress) {
        if (options.target() == null) {
            throw ReplicatorException.usage("Missing --target");
        }
        long started = System.nanoTime();
        CommitProtocol commitProtocol = protocol != null ? protocol
                : CommitProtocols.forTable(options.target(), options.table(), hadoopConf, List.of(), clock);
        try (PartitionWrite write = commitProtocol.begin(run, options.lease())) {
            Planned planned = planTable();
            write.claim(planned.table.ref().toString());
            catalogTables.forEach(table -> table.prepare(run, planned.schema));
            List<Split> splits = planned.plan.splits();
            progress.planned(splits.size(), estimatedRows(splits));
            List<SplitResult> results;
            List<WrittenFile> files = new ArrayList<>();
            CommittedVersion committed;
            Engine splitEngine = engine != null ? engine
                    : new LocalEngine(options.maxConnections(), options.maxAttempts(), firstRetryBackoff, hadoopConf);
            running = splitEngine;
            try (SourceSnapshot snapshot = SourceSnapshot.open(connector, dialect, planned.table, options.split().userWhere(),
                    sourceLock)) {
                stopIfAsked();
                results = splitEngine.run(tasks(run, planned, write, snapshot), options.sourcePassword(),
                        options.maxConnections(), progress);
                stopIfAsked();
                snapshot.check(results.stream().mapToLong(SplitResult::rows).sum(), options.allowChangingSource());
                for (SplitResult result : results) {
                    files.addAll(result.files());
                }
                if (files.isEmpty()) {
                    files.addAll(schemaOnlyFile(write, planned.schema, run));
                }
                committed = write.commit(files, planned.table.ref().toString());
            } catch (Exception e) {
                if (stopped != null) {
                    throw stopped;
                }
                throw classify(e, planned);
            } finally {
                running = null;
            }
            return summary(run, planned, results, committed, (System.nanoTime() - started) / 1e9)
                    .ranOn(splitEngine.name(), splitEngine.applicationId());
        }
    }

    private void stopIfAsked() {
        if (stopped != null) {
            throw stopped;
        }
    }

    private RunSummary summary(RunIdentity run, Planned planned, List<SplitResult> results, CommittedVersion committed,
            double seconds) {
        List<Long> splitRows = new ArrayList<>();
        int attempts = 0;
        for (SplitResult result : results) {
            splitRows.add(result.rows());
            attempts += result.attempts();
        }
        PartitionManifest manifest = committed.manifest();
        LOG.info("Committed {} rows of {} in {} files to {}", manifest.rows, planned.table.ref(), manifest.files.size(),
                committed.directory());
        return new RunSummary(run, "SUCCEEDED", manifest.rows, manifest.files.size(), manifest.bytes,
                committed.directory().toString(), planned.plan.method().cliName(), splitRows, attempts, seconds,
                committed.commitSeconds(), committed.unfinished().map(Throwable::getMessage).orElse(null));
    }

    private Planned planTable() {
        try (Connection connection = connector.open()) {
            SourceTable table = dialect.describe(connection, options.table());
            TableSchema schema = TypeMapper.map(table, dialect, options.columnTypeOverrides(), options.trimChar(), options.parquetFlavor());
            SplitPlan plan = new SplitPlanner().withLock(SourceLock.forReaders(sourceLock))
                    .plan(connection, dialect, table, options.split());
            return new Planned(table, schema, plan);
        } catch (SQLException e) {
            throw ReplicatorException.source("Cannot read table " + options.table() + ": " + connector.redact(e.getMessage()), e);
        }
    }

    /** One task per split: what an attempt needs to copy it, wherever it runs. */
    private List<SplitTask> tasks(RunIdentity run, Planned planned, PartitionWrite write, SourceSnapshot snapshot) {
        SplitTask.Builder common = SplitTask.builder()
                .run(run.runId())
                .table(planned.table, dialect)
                .source(options.sourceUrl(), options.sourceUser(), options.connectionProperties(), options.sourcePassword() != null)
                .mapping(options.columnTypeOverrides(), options.trimChar(), options.parquetFlavor())
                .read(options.split().userWhere(), options.fetchSize())
                .write(options.writer(), footer(run))
                .consistency(snapshot.id(), snapshot.splitLock());
        List<SplitTask> tasks = new ArrayList<>();
        for (Split split : planned.plan.splits()) {
            tasks.add(common.build(split, write.splitDir(split.index())));
        }
        return tasks;
    }

    /** An empty table still gets one (empty) file, so readers of the partition can learn its schema. */
    private List<WrittenFile> schemaOnlyFile(PartitionWrite write, TableSchema schema, RunIdentity run) {
        SplitFileWriter writer = new SplitFileWriter(hadoopConf, write.attemptDir(0, 0), "part-00000", schema,
                WriterBudget.fit(options.writer(), 1, Runtime.getRuntime().maxMemory()), footer(run));
        return writer.finishKeepingSchema();
    }

    private Map<String, String> footer(RunIdentity run) {
        return Map.of("runreplicator.source", options.table().toString(), "runreplicator.run", run.runId(),
                "runreplicator.job", options.jobId(), "runreplicator.partition", options.partition().toString());
    }

    private static long estimatedRows(List<Split> splits) {
        long total = 0;
        for (Split split : splits) {
            if (split.estimatedRows() < 0) {
                return -1;
            }
            total += split.estimatedRows();
        }
        return total;
    }

    /** The writer and the committer already report file system failures as TARGET errors; what is left is the source's or ours. */
    private ReplicatorException classify(Exception e, Planned planned) {
        if (e instanceof ReplicatorException) {
            return (ReplicatorException) e;
        }
        switch (FailureKind.of(e)) {
            case SOURCE:
                return ReplicatorException.source("Cannot read table " + planned.table.ref() + ": "
                        + connector.redact(e.getMessage()), e);
            case TARGET:
                // Parquet wraps a failing close ("Unable to close resource"); the I/O error under it says why.
                return ReplicatorException.target("Cannot write " + planned.table.ref() + " to " + options.target() + ": "
                        + rootMessage(e), e);
            default:
                return new ReplicatorException(FailureKind.INTERNAL, "Copy of " + planned.table.ref() + " failed: " + e, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static final class Planned {
        final SourceTable table;
        final TableSchema schema;
        final SplitPlan plan;

        Planned(SourceTable table, TableSchema schema, SplitPlan plan) {
            this.table = table;
            this.schema = schema;
            this.plan = plan;
        }
    }
}
