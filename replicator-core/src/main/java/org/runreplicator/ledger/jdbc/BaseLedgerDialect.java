package org.runreplicator.ledger.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import org.runreplicator.ledger.LedgerColumns;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;

/** What the ledger dialects share: the status rank in SQL, instants as UTC {@code OffsetDateTime}, standard transient SQL states. */
abstract class BaseLedgerDialect implements LedgerDialect {
    /** The key every dialect's upsert matches on, and the table's primary key. */
    static final String KEY = "dbName, tableName, td_timestamp, environment";

    /**
     * {@code CASE expr WHEN 'PENDING' THEN 0 ... END}: a status's rank, from {@link LedgerStatus}'s
     * order, so the SQL and the Java rule cannot disagree. An unknown stored status ranks NULL and is never replaced.
     */
    static String rank(String expression) {
        StringBuilder sql = new StringBuilder("CASE ").append(expression);
        for (LedgerStatus status : LedgerStatus.values()) {
            sql.append(" WHEN '").append(status.name()).append("' THEN ").append(status.ordinal());
        }
        return sql.append(" END").toString();
    }

    @Override
    public Properties connectionDefaults() {
        return new Properties();
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
    }

    /** Binds the seven columns in {@link LedgerColumns} order from {@code first}; returns the next index. */
    int bindRow(PreparedStatement statement, int first, LedgerKey key, LedgerStatus status, String jobId, Instant now)
            throws SQLException {
        int i = first;
        statement.setString(i++, key.dbName());
        statement.setString(i++, key.tableName());
        setInstant(statement, i++, key.tdTimestamp());
        setInstant(statement, i++, now);
        statement.setString(i++, key.environment());
        statement.setString(i++, status.name());
        setNullableString(statement, i++, jobId);
        return i;
    }

    static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static String insertColumns() {
        return LedgerColumns.list();
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet rows, int index) throws SQLException {
        OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                // 40001 serialization failure, 40P01 deadlock, 08xxx connection exceptions.
                if (state != null && (state.equals("40001") || state.equals("40P01") || state.startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
