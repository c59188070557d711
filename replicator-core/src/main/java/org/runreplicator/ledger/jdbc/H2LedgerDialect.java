package org.runreplicator.ledger.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;

/**
 * H2, the embedded ledger: a standard {@code MERGE ... WHEN MATCHED AND} the stored status ranks
 * no higher. Two MERGEs racing to insert one key collide on the primary key; the loser's retry
 * then finds the row, so that duplicate-key error counts as transient here.
 */
final class H2LedgerDialect extends BaseLedgerDialect {
    private static final String DUPLICATE_KEY = "23505";
    private static final int DATABASE_IN_USE = 90020;
    private static final int LOCK_TIMEOUT = 50200;

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (dbName VARCHAR NOT NULL, tableName VARCHAR NOT NULL,"
                + " td_timestamp TIMESTAMP(6) WITH TIME ZONE NOT NULL, last_modified_at TIMESTAMP(6) WITH TIME ZONE,"
                + " environment VARCHAR NOT NULL, status VARCHAR NOT NULL, dataproc_job_id VARCHAR, PRIMARY KEY (" + KEY + "))";
    }

    @Override
    public String record(String table) {
        return "MERGE INTO " + table + " l USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS VARCHAR),"
                + " CAST(? AS VARCHAR), CAST(? AS VARCHAR))) AS s(" + insertColumns() + ")"
                + " ON l.dbName = s.dbName AND l.tableName = s.tableName AND l.td_timestamp = s.td_timestamp"
                + " AND l.environment = s.environment"
                + " WHEN MATCHED AND " + rank("l.status") + " <= " + rank("s.status")
                + " THEN UPDATE SET status = s.status, last_modified_at = s.last_modified_at,"
                + " dataproc_job_id = COALESCE(s.dataproc_job_id, l.dataproc_job_id)"
                + " WHEN NOT MATCHED THEN INSERT (" + insertColumns() + ") VALUES (s.dbName, s.tableName, s.td_timestamp,"
                + " s.last_modified_at, s.environment, s.status, s.dataproc_job_id)";
    }

    @Override
    public void bindRecord(PreparedStatement statement, LedgerKey key, LedgerStatus status, String jobId, Instant now)
            throws SQLException {
        bindRow(statement, 1, key, status, jobId, now);
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return super.isTransient(e) || DUPLICATE_KEY.equals(e.getSQLState()) || code == DATABASE_IN_USE || code == LOCK_TIMEOUT;
    }
}
