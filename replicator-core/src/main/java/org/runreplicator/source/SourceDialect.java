package org.runreplicator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.runreplicator.types.ColumnType;

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

    /**
     * The JDBC URLs to try, in order, for reading a split of about {@code estimatedRows} rows: a
     * bulk-export session first where the source has one and the split is large enough, then
     * the regular session. Most dialects return {@code jdbcUrl} alone.
     */
    List<String> readUrls(String jdbcUrl, long estimatedRows);

    /**
     * Whether a failure of a bulk-export attempt (the first of several {@link #readUrls}) should
     * be retried on the next URL rather than failing the split.
     */
    boolean fallsBackToSession(SQLException bulkExportFailure);

    /**
     * What a column of this source holds and how its values are read: the dialect's own type names
     * first (so Teradata's FLOAT is not confused with another database's), the JDBC type code for a
     * name it does not know. {@link org.runreplicator.types.TypeMapper} derives everything else from it.
     */
    ColumnType columnType(SourceColumn column);

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

    /** The SELECT COUNT(*) with exactly the same filter as {@link #selectSql}; its one column is a count readable with {@code getLong}. */
    String countSql(SourceTable table, String splitPredicate, String userWhere);

    /**
     * A query returning the non-null values of {@code column} (one column): all of them when
     * {@code tableRows <= sampleRows}, else a random sample of about {@code sampleRows} of them.
     */
    String sampleSql(SourceTable table, String column, int sampleRows, long tableRows, String userWhere);

    /**
     * The expression that hash splits cut into ranges, over {@code columns} (real spelling) for
     * {@code splits} splits. May query the source (Teradata reads its AMP count).
     */
    BucketExpression hashBuckets(Connection connection, SourceTable table, List<String> columns, int splits) throws SQLException;

    /** The expression that partition splits cut into ranges; a usage error if the table or source has no row partitioning. */
    BucketExpression partitionBuckets(SourceTable table);

    /** {@code SELECT bucket, COUNT(*) ... GROUP BY bucket} over the rows the user's filter keeps: two columns, bucket and count. */
    String bucketCountSql(SourceTable table, BucketExpression buckets, String userWhere);

    /** Whether hash splits on the table's key read whole storage units (Teradata AMPs), making them the automatic choice. */
    boolean prefersHashSplits();

    /**
     * Puts a fresh connection into the state for reading one split: read-only, autocommit off
     * where the driver needs it to stream (PostgreSQL), and an isolation level under which a
     * COUNT and the SELECT that follows see the same rows where the source allows it.
     */
    void prepareForRead(Connection connection) throws SQLException;

    /**
     * Makes {@code connection}, fresh from {@link #prepareForRead}, hold one snapshot of the
     * database that every split session can read from while it stays open, and returns its id; or
     * null when the source has no shareable snapshot (then splits read at their own moments, and
     * only the run's total-count check notices a table that changed). PostgreSQL exports one
     * ({@code pg_export_snapshot()}, as {@code pg_dump -j} does).
     */
    default String exportSnapshot(Connection connection) throws SQLException {
        return null;
    }

    /** Makes a split session, fresh from {@link #prepareForRead}, read from the exported snapshot {@code id}. */
    default void importSnapshot(Connection connection, String id) throws SQLException {
        throw new SQLException(name() + " cannot share a snapshot between sessions");
    }

    /**
     * The lock a copy takes on its table when the user names none ({@code --source-lock}), or null
     * when this source takes no table locks for reading (it reads a snapshot, or its own default
     * locks suffice); then {@code --source-lock} is refused. Teradata: {@link SourceLock#READ}.
     */
    default SourceLock defaultSourceLock() {
        return null;
    }

    /**
     * {@code sql}, one SELECT of {@code table} from this dialect, as a request that takes
     * {@code lock} on the table (Teradata's {@code LOCKING TABLE ... FOR ACCESS} modifier); a lock
     * the request already holds in its transaction stays held until that transaction ends. Sources
     * without table locks return {@code sql} unchanged.
     */
    default String withLock(String sql, SourceTable table, SourceLock lock) {
        return sql;
    }

    /** A forward-only, read-only statement that streams rows {@code fetchSize} at a time. */
    PreparedStatement streamingStatement(Connection connection, String sql, int fetchSize) throws SQLException;

    /** Whether a failure is worth retrying the split for (connection reset, Teradata 2631/3598, serialization failure). */
    boolean isTransient(SQLException e);
}
