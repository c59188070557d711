package org.runreplicator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceConnector;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.SourceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's one view of the source for the whole copy. Where the source can share a snapshot
 * (PostgreSQL), this session exports it and stays open until the copy ends, so every split, in
 * any process, reads the same rows however the table changes meanwhile. Where the source locks
 * tables instead (Teradata, {@link SourceLock#READ}), this session holds a READ lock on the table
 * in an open transaction until the copy ends: writers wait, and the splits read under ACCESS
 * locks, which never queue behind a waiting writer (a READ request would, and the writer waits
 * for this session: a deadlock the database cannot see). Either way it counts the table (under
 * {@code --where}) once, and {@link #check} compares that count with the rows the splits copied,
 * so rows that moved between splits during a copy that nothing kept still are caught instead of
 * being copied twice or not at all.
 */
final class SourceSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSnapshot.class);

    private final Connection connection;
    private final String id;
    private final SourceLock splitLock;
    private final long totalRows;
    private final String table;

    private SourceSnapshot(Connection connection, String id, SourceLock splitLock, long totalRows, String table) {
        this.connection = connection;
        this.id = id;
        this.splitLock = splitLock;
        this.totalRows = totalRows;
        this.table = table;
    }

    /** The name the session holding a snapshot shows the source ({@code application_name} on PostgreSQL). */
    static final String SESSION_NAME = "run-replicator snapshot";

    /**
     * Counts the table and, where the source can, exports a snapshot or takes a READ lock
     * ({@code lock}, null on sources without table locks) held until {@link #close} by this one
     * idle session; it is not one of the {@code --max-connections} reading sessions. Otherwise the
     * session ends after the count.
     */
    static SourceSnapshot open(SourceConnector connector, SourceDialect dialect, SourceTable table, String userWhere,
            SourceLock lock) {
        Connection connection = connector.open();
        try {
            dialect.prepareForRead(connection);
            String id = dialect.exportSnapshot(connection);
            if (id != null) {
                connection.setClientInfo("ApplicationName", SESSION_NAME);
            }
            boolean holdsLock = lock == SourceLock.READ;
            if (holdsLock) {
                connection.setAutoCommit(false); // the lock lasts until this transaction ends, in close()
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement(dialect.withLock(dialect.countSql(table, null, userWhere),
                    table, lock));
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            SourceLock splitLock = SourceLock.forReaders(lock);
            LOG.info("{}: {} rows{}", table.ref(), total, id != null ? " in snapshot " + id + ", which every split reads"
                    : holdsLock ? " under a READ lock this run holds until the copy ends: writers wait for it"
                    : " when the copy began (nothing keeps the table still: a table changing meanwhile fails the run)");
            if (id == null && !holdsLock) {
                closeQuietly(connection);
                return new SourceSnapshot(null, null, splitLock, total, table.ref().toString());
            }
            return new SourceSnapshot(connection, id, splitLock, total, table.ref().toString());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ReplicatorException.source("Cannot count table " + table.ref() + ": " + connector.redact(e.getMessage()), e);
        }
    }

    /** The snapshot splits import, or null when the source has none. */
    String id() {
        return id;
    }

    /** The lock each split's requests take ({@link SourceDialect#withLock}), or null. */
    SourceLock splitLock() {
        return splitLock;
    }

    /**
     * Fails the run (VALIDATION) when the splits copied other than the table's count, unless
     * nothing kept the table still and a changing source is allowed.
     */
    void check(long copiedRows, boolean allowChangingSource) {
        if (copiedRows == totalRows) {
            return;
        }
        boolean heldStill = connection != null;
        String what = "The splits of " + table + " copied " + copiedRows + " rows but the table counted " + totalRows
                + (id != null ? " in the snapshot the splits read"
                : heldStill ? " under the READ lock this run held" : " when the copy began: the table changed during the copy");
        if (allowChangingSource && !heldStill) {
            LOG.warn("{}; committing anyway (--allow-changing-source)", what);
            return;
        }
        throw new ReplicatorException(FailureKind.VALIDATION, what + (heldStill ? ""
                : "; nothing was published. Copy when the table is quiet, or pass --allow-changing-source to accept it"));
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
