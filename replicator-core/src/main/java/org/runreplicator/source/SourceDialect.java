package org.runreplicator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What differs between source databases. One implementation per database
 * ({@link TeradataDialect}, {@link PostgresDialect}, {@link H2Dialect}), each overriding only
 * what differs from {@link BaseDialect}. Find one with {@link Dialects#forUrl(String)}.
 */
public interface SourceDialect {
    /** Short name: {@code teradata}, {@code postgresql}, {@code h2}. */
    String name();

    /** Whether this dialect serves a JDBC URL. */
    boolean accepts(String jdbcUrl);

    /** Connection properties this dialect adds by default (bulk-read and timeout settings); user settings win. */
    Properties defaultConnectionProperties();

    /** Quotes an identifier: the one place quoting happens. */
    String quote(String identifier);

    /** The quoted, qualified table name. */
    String qualified(TableRef table);

    /**
     * Reads the table's columns, key and partitioning. A missing table is a
     * {@link org.runreplicator.FailureKind#SOURCE} failure naming it.
     */
    SourceTable describe(Connection connection, TableRef table) throws SQLException;

    /**
     * The SELECT that reads one split: every column in table order, filtered by the split's
     * predicate and the user's {@code --where} (either may be null).
     */
    String selectSql(SourceTable table, String splitPredicate, String userWhere);

    /** The SELECT COUNT(*) with exactly the same filter as {@link #selectSql}. */
    String countSql(SourceTable table, String splitPredicate, String userWhere);

    /**
     * Puts a fresh connection into the state for reading one split: read-only, autocommit off
     * where the driver needs it to stream (PostgreSQL), and an isolation level under which a
     * COUNT and the SELECT that follows see the same rows where the source allows it.
     */
    void prepareForRead(Connection connection) throws SQLException;

    /** A forward-only, read-only statement that streams rows {@code fetchSize} at a time. */
    PreparedStatement streamingStatement(Connection connection, String sql, int fetchSize) throws SQLException;

    /** Whether a failure is worth retrying the split for (connection reset, Teradata 2631/3598, serialization failure). */
    boolean isTransient(SQLException e);
}
