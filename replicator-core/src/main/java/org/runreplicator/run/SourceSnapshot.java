package org.runreplicator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceConnector;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's one view of the source for the whole copy. Where the source can share a snapshot
 * (PostgreSQL), this session exports it and stays open until the copy ends, so every split, in
 * any process, reads the same rows however the table changes meanwhile; either way it counts
 * the table (under {@code --where}) once, and {@link #check} compares that count with the rows
 * the splits copied, so rows that moved between splits during a copy without a snapshot are
 * caught instead of being copied twice or not at all.
 */
final class SourceSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSnapshot.class);

    private final Connection connection;
    private final String id;
    private final long totalRows;
    private final String table;

    private SourceSnapshot(Connection connection, String id, long totalRows, String table) {
        this.connection = connection;
        this.id = id;
        this.totalRows = totalRows;
        this.table = table;
    }

    /** The name the session holding a snapshot shows the source ({@code application_name} on PostgreSQL). */
    static final String SESSION_NAME = "run-replicator snapshot";

    /**
     * Counts the table and, where the source can, exports a snapshot held open until {@link #close}
     * by this one idle session, named {@value #SESSION_NAME}; it is not one of the
     * {@code --max-connections} reading sessions. Sources without a shared snapshot (Teradata)
     * never see it beyond the count.
     */
    static SourceSnapshot open(SourceConnector connector, SourceDialect dialect, SourceTable table, String userWhere) {
        Connection connection = connector.open();
        try {
            dialect.prepareForRead(connection);
            String id = dialect.exportSnapshot(connection);
            if (id != null) {
                connection.setClientInfo("ApplicationName", SESSION_NAME);
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement(dialect.countSql(table, null, userWhere));
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            LOG.info("{}: {} rows{}", table.ref(), total, id == null
                    ? " when the copy began (no shared snapshot on this source: a table changing meanwhile fails the run)"
                    : " in snapshot " + id + ", which every split reads");
            if (id == null) {
                // Nothing to share: the session is not held through the copy.
                closeQuietly(connection);
                return new SourceSnapshot(null, null, total, table.ref().toString());
            }
            return new SourceSnapshot(connection, id, total, table.ref().toString());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ReplicatorException.source("Cannot count table " + table.ref() + ": " + connector.redact(e.getMessage()), e);
        }
    }

    /** The snapshot splits import, or null when the source has none. */
    String id() {
        return id;
    }

    /** Fails the run (VALIDATION) when the splits copied other than the table's count, unless a changing source is allowed. */
    void check(long copiedRows, boolean allowChangingSource) {
        if (copiedRows == totalRows) {
            return;
        }
        String what = "The splits of " + table + " copied " + copiedRows + " rows but the table counted " + totalRows
                + (id == null ? " when the copy began: the table changed during the copy" : " in the snapshot the splits read");
        if (allowChangingSource && id == null) {
            LOG.warn("{}; committing anyway (--allow-changing-source)", what);
            return;
        }
        throw new ReplicatorException(FailureKind.VALIDATION, what + (id == null
                ? "; nothing was published. Copy when the table is quiet, or pass --allow-changing-source to accept it" : ""));
    }

    @Override
    public void close() {
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            // Read-only: nothing to lose; the server ends the session when the socket closes.
        }
    }
}
