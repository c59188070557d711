package org.runreplicator.ledger.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;

/**
 * MySQL and MariaDB (Cloud SQL for MySQL): {@code INSERT ... ON DUPLICATE KEY UPDATE}, each
 * assignment guarded by the rank comparison. MySQL applies assignments left to right and later
 * ones see earlier results, so {@code status} is assigned last. Instants are {@code DATETIME(6)}
 * in UTC (MySQL's TIMESTAMP ends in 2038), bound as text: MySQL's driver drops the microseconds of
 * a bound date-time when the server announces itself as 5.5 (MariaDB's handshake does), and a
 * key that lost them would no longer match itself.
 */
final class MySqlLedgerDialect extends BaseLedgerDialect {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int TOO_MANY_CONNECTIONS = 1040;

    @Override
    public String name() {
        return "MySQL";
    }

    @Override
    public Properties connectionDefaults() {
        Properties defaults = new Properties();
        defaults.setProperty("connectTimeout", "10000");
        defaults.setProperty("socketTimeout", "60000");
        return defaults;
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
    }

    @Override
    public String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (dbName VARCHAR(128) NOT NULL, tableName VARCHAR(128) NOT NULL,"
                + " td_timestamp DATETIME(6) NOT NULL, last_modified_at DATETIME(6), environment VARCHAR(64) NOT NULL,"
                + " status VARCHAR(16) NOT NULL, dataproc_job_id VARCHAR(255), PRIMARY KEY (" + KEY + "))";
    }

    @Override
    public String record(String table) {
        String applies = rank("status") + " <= " + rank("?");
        return "INSERT INTO " + table + " (" + insertColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE"
                + " dataproc_job_id = IF(" + applies + ", COALESCE(?, dataproc_job_id), dataproc_job_id),"
                + " last_modified_at = IF(" + applies + ", ?, last_modified_at),"
                + " status = IF(" + applies + ", ?, status)";
    }

    @Override
    public void bindRecord(PreparedStatement statement, LedgerKey key, LedgerStatus status, String jobId, Instant now)
            throws SQLException {
        int i = bindRow(statement, 1, key, status, jobId, now);
        statement.setString(i++, status.name());
        setNullableString(statement, i++, jobId);
        statement.setString(i++, status.name());
        setInstant(statement, i++, now);
        statement.setString(i++, status.name());
        statement.setString(i, status.name());
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, DATETIME.format(LocalDateTime.ofInstant(value, ZoneOffset.UTC)));
    }

    @Override
    public Instant getInstant(ResultSet rows, int index) throws SQLException {
        LocalDateTime value = rows.getObject(index, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return super.isTransient(e) || code == DEADLOCK || code == LOCK_WAIT_TIMEOUT || code == TOO_MANY_CONNECTIONS;
    }
}
