package org.runreplicator.engine;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.parquet.SplitFileWriter;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.source.SourceConnector;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.split.Split;
import org.runreplicator.types.TableSchema;
import org.runreplicator.types.TypeMapper;

/**
 * Copies one split in one attempt, in the process that runs it (a local thread or a map task):
 * counts the split's rows and streams them into Parquet files in the attempt's own directory,
 * in one read transaction where the source allows (so the count and the rows agree), checks the
 * two agree, and writes the attempt's {@link AttemptManifest} last. A failed attempt deletes
 * what it wrote; an attempt killed outright leaves files that only the run's staging clean-up sees.
 */
public final class SplitAttempt {
    private static final int PROGRESS_BATCH = 4096;

    private final SplitTask task;
    private final Configuration conf;
    private final SourceConnector connector;
    private final SourceDialect dialect;
    private final TableSchema schema;
    private final int concurrentWriters;
    private final ProgressListener progress;
    private final FaultHooks faults;
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    /**
     * @param password the run's password when {@link SplitTask#hasPassword}, else null
     * @param concurrentWriters how many attempts write at once in this process (the heap is shared)
     */
    public SplitAttempt(SplitTask task, Configuration conf, Secret password, int concurrentWriters, ProgressListener progress) {
        if (task.hasPassword() && password == null) {
            throw ReplicatorException.usage("Split " + task.split().index() + " of " + task.table().ref()
                    + " needs the source password, and the engine did not deliver it");
        }
        this.task = task;
        this.conf = conf;
        this.dialect = task.dialect();
        this.connector = new SourceConnector(task.sourceUrl(), task.sourceUser(), password, task.connectionProperties(), dialect);
        this.schema = TypeMapper.map(task.table(), dialect, task.columnTypeOverrides(), task.trimChar(), task.flavor());
        this.concurrentWriters = concurrentWriters;
        this.progress = progress;
        this.faults = new FaultHooks(conf);
    }

    /** Runs attempt {@code attempt} (1-based) into {@link SplitTask#attemptDir}; on failure deletes what it wrote and rethrows. */
    public AttemptManifest run(int attempt) throws SQLException, IOException, InterruptedException {
        Split split = task.split();
        Path attemptDir = task.attemptDir(attempt);
        SplitFileWriter writer = new SplitFileWriter(conf, attemptDir, task.filePrefix(), schema,
                WriterBudget.fit(task.writer(), concurrentWriters, Runtime.getRuntime().maxMemory()), task.footer());
        boolean done = false;
        try {
            faults.beforeRead(split.index(), attempt);
            AttemptManifest manifest;
            try (Connection connection = connector.openForSplit(split.estimatedRows())) {
                dialect.prepareForRead(connection);
                if (task.snapshot() != null) {
                    dialect.importSnapshot(connection, task.snapshot());
                }
                long expected = count(connection, split);
                long written = stream(connection, split, writer);
                faults.beforeFinish(split.index(), attempt);
                List<WrittenFile> files = writer.finish();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                if (written != expected) {
                    throw new ReplicatorException(FailureKind.VALIDATION, "Split " + split.index() + " of " + task.table().ref()
                            + " read " + written + " rows but the source counts " + expected + " for the same predicate ("
                            + (split.predicate() == null ? "all rows" : split.predicate()) + ")");
                }
                manifest = AttemptManifest.of(split.index(), attempt, files);
            }
            FileSystem fs = attemptDir.getFileSystem(conf);
            manifest.write(fs, new Path(attemptDir, AttemptManifest.NAME));
            done = true;
            return manifest;
        } finally {
            if (!done) {
                writer.abort();
            }
        }
    }

    /** Cancels every statement in flight, so a failed run stops promptly. */
    public void cancel() {
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // The statement is finishing or its connection is gone: nothing left to stop.
            }
        }
    }

    /** Whether a failure is worth another attempt (connection reset, deadlock, serialization failure). */
    public static boolean isTransient(Throwable failure, SourceDialect dialect) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && dialect.isTransient((SQLException) t)) {
                return true;
            }
        }
        return false;
    }

    /** The message of a failed attempt, with the password blanked out. */
    public String redact(String message) {
        return connector.redact(message);
    }

    private long count(Connection connection, Split split) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.withLock(dialect.countSql(task.table(),
                split.predicate(), task.userWhere()), task.table(), task.lock()))) {
            running.add(statement);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                running.remove(statement);
            }
        }
    }

    private long stream(Connection connection, Split split, SplitFileWriter writer) throws SQLException {
        String sql = dialect.withLock(dialect.selectSql(task.table(), split.predicate(), task.userWhere()), task.table(), task.lock());
        try (PreparedStatement statement = dialect.streamingStatement(connection, sql, task.fetchSize())) {
            running.add(statement);
            try (ResultSet rs = statement.executeQuery()) {
                long rows = 0;
                int batch = 0;
                while (rs.next()) {
                    writer.write(rs);
                    rows++;
                    if (++batch == PROGRESS_BATCH) {
                        progress.rowsWritten(batch);
                        batch = 0;
                    }
                }
                progress.rowsWritten(batch);
                return rows;
            } finally {
                running.remove(statement);
            }
        }
    }
}
