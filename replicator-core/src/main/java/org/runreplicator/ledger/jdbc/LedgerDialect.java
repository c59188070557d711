package org.runreplicator.ledger.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;

/**
 * What differs between the databases a JDBC ledger lives in: column types, the one-statement
 * upsert that records a transition without ever moving a row backwards, how instants are bound and
 * read, and which errors are transient. {@link BaseLedgerDialect} holds what they share.
 */
public interface LedgerDialect {

    /** For messages: {@code PostgreSQL}, {@code MySQL}, {@code H2}. */
    String name();

    /** Driver properties set unless the URL or the caller sets them (timeouts that bound each call). */
    Properties connectionDefaults();

    /** Runs once on every new connection (e.g. a UTC session time zone). */
    void prepareSession(Connection connection) throws SQLException;

    /** {@code CREATE TABLE IF NOT EXISTS} with the ledger's columns and its primary key. */
    String createTable(String table);

    /** The upsert: insert the key's row, or move it to the new status if that does not go backwards. */
    String record(String table);

    /** Binds {@link #record}'s parameters. */
    void bindRecord(PreparedStatement statement, LedgerKey key, LedgerStatus status, String jobId, Instant now) throws SQLException;

    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** May return null. */
    Instant getInstant(ResultSet rows, int index) throws SQLException;

    /** Worth another attempt: lock conflicts, deadlocks, a duplicate key from a racing insert, lost connections. */
    boolean isTransient(SQLException e);

    /** The dialect for a JDBC URL: {@code jdbc:postgresql:}, {@code jdbc:mysql:}/{@code jdbc:mariadb:} or {@code jdbc:h2:}. */
    static LedgerDialect forUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresLedgerDialect();
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return new MySqlLedgerDialect();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2LedgerDialect();
        }
        throw new IllegalArgumentException("No ledger dialect for " + JdbcUrls.mask(url)
                + ": expected jdbc:postgresql:, jdbc:mysql: or jdbc:h2:");
    }
}
