package org.runreplicator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.parquet.SplitFileWriter;
import org.runreplicator.parquet.WriterSettings;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.split.Split;
import org.runreplicator.types.TableSchema;

/**
 * Copies one split in one attempt: counts the split's rows and streams them into Parquet files in
 * the attempt's directory, in one read transaction where the source allows (so the count and the
 * rows agree), then checks the two agree. A failed attempt leaves nothing behind.
 */
final class SplitCopier {
    private static final int PROGRESS_BATCH = 4096;

    private final SourceConnector connector;
    private final SourceDialect dialect;
    private final SourceTable table;
    private final TableSchema schema;
    private final Configuration conf;
    private final WriterSettings writerSettings;
    private final int fetchSize;
    private final String userWhere;
    private final Map<String, String> footer;
    private final ProgressListener progress;
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    SplitCopier(SourceConnector connector, SourceDialect dialect, SourceTable table, TableSchema schema, Configuration conf,
            WriterSettings writerSettings, RunOptions options, Map<String, String> footer, ProgressListener progress) {
        this.connector = connector;
        this.dialect = dialect;
        this.table = table;
        this.schema = schema;
        this.conf = conf;
        this.writerSettings = writerSettings;
        this.fetchSize = options.fetchSize();
        this.userWhere = options.split().userWhere();
        this.footer = Map.copyOf(footer);
        this.progress = progress;
    }

    /** Copies {@code split} into {@code attemptDir}; on any failure deletes what it wrote and rethrows. */
    List<WrittenFile> copy(Split split, Path attemptDir) throws SQLException {
        SplitFileWriter writer = new SplitFileWriter(conf, attemptDir, String.format("part-%05d", split.index()), schema,
                writerSettings, footer);
        boolean done = false;
        try (Connection connection = connector.openForSplit(split.estimatedRows())) {
            dialect.prepareForRead(connection);
            long expected = count(connection, split);
            long written = stream(connection, split, writer);
            List<WrittenFile> files = writer.finish();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (written != expected) {
                throw new ReplicatorException(FailureKind.VALIDATION, "Split " + split.index() + " of " + table.ref()
                        + " read " + written + " rows but the source counts " + expected + " for the same predicate ("
                        + (split.predicate() == null ? "all rows" : split.predicate()) + ")");
            }
            done = true;
            return files;
        } finally {
            if (!done) {
                writer.abort();
            }
        }
    }

    /** Cancels every statement in flight, so a failed run stops promptly. */
    void cancelAll() {
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // The statement is finishing or its connection is gone: nothing left to stop.
            }
        }
    }

    private long count(Connection connection, Split split) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.countSql(table, split.predicate(), userWhere))) {
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
        String sql = dialect.selectSql(table, split.predicate(), userWhere);
        try (PreparedStatement statement = dialect.streamingStatement(connection, sql, fetchSize)) {
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
