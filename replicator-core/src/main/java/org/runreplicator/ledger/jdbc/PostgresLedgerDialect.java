package org.runreplicator.ledger.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;

/** PostgreSQL (Cloud SQL): {@code INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE} the stored status ranks no higher. */
final class PostgresLedgerDialect extends BaseLedgerDialect {
    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public Properties connectionDefaults() {
        Properties defaults = new Properties();
        defaults.setProperty("connectTimeout", "10");
        defaults.setProperty("socketTimeout", "60");
        return defaults;
    }

    // A table someone made with TIMESTAMP (no time zone) then stores UTC too.
    @Override
    public void prepareSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
    }

    @Override
    public String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (dbName text NOT NULL, tableName text NOT NULL,"
                + " td_timestamp timestamptz NOT NULL, last_modified_at timestamptz, environment text NOT NULL,"
                + " status text NOT NULL, dataproc_job_id text, PRIMARY KEY (" + KEY + "))";
    }

    @Override
    public String record(String table) {
        return "INSERT INTO " + table + " AS l (" + insertColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (" + KEY + ") DO UPDATE SET status = EXCLUDED.status,"
                + " last_modified_at = EXCLUDED.last_modified_at,"
                + " dataproc_job_id = COALESCE(EXCLUDED.dataproc_job_id, l.dataproc_job_id)"
                + " WHERE " + rank("l.status") + " <= " + rank("EXCLUDED.status");
    }

    @Override
    public void bindRecord(PreparedStatement statement, LedgerKey key, LedgerStatus status, String jobId, Instant now)
            throws SQLException {
        bindRow(statement, 1, key, status, jobId, now);
    }

    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        // 57P01 admin shutdown (a failover), 53300 too many connections.
        return super.isTransient(e) || "57P01".equals(state) || "53300".equals(state);
    }
}
