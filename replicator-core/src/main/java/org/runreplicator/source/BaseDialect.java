package org.runreplicator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.runreplicator.ReplicatorException;
import org.runreplicator.types.ColumnType;
import org.runreplicator.types.LogicalType;

/**
 * What the source databases have in common: standard SQL text, JDBC metadata, one quoting rule.
 * A dialect passes in its name, URL prefix and quote character and overrides only what differs.
 */
public abstract class BaseDialect implements SourceDialect {
    private final String name;
    private final String urlPrefix;
    private final String quote;

    protected BaseDialect(String name, String urlPrefix, String quote) {
        this.name = name;
        this.urlPrefix = urlPrefix;
        this.quote = quote;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.regionMatches(true, 0, urlPrefix, 0, urlPrefix.length());
    }

    @Override
    public Properties defaultConnectionProperties() {
        return new Properties();
    }

    @Override
    public List<String> readUrls(String jdbcUrl, long estimatedRows) {
        return List.of(jdbcUrl);
    }

    @Override
    public boolean fallsBackToSession(SQLException bulkExportFailure) {
        return false;
    }

    @Override
    public final ColumnType columnType(SourceColumn column) {
        String typeName = column.typeName() == null ? "" : column.typeName().trim().toUpperCase(Locale.ROOT);
        ColumnType named = columnTypeByName(typeName, column);
        return named != null ? named : columnTypeByJdbcCode(column);
    }

    /** The column type for one of this database's type names (upper case, no parameters), or null for a name it does not know. */
    protected ColumnType columnTypeByName(String typeName, SourceColumn column) {
        return null;
    }

    /**
     * By JDBC type code, for names no dialect knows (domains, extensions). No fallback for BIT,
     * floating point, ARRAY, STRUCT or OTHER: a name we do not know may not hold what the code
     * suggests (PostgreSQL's bit(8), money).
     */
    protected ColumnType columnTypeByJdbcCode(SourceColumn column) {
        switch (column.jdbcType()) {
            case Types.TINYINT:
                return ColumnType.of(LogicalType.TINYINT);
            case Types.SMALLINT:
                return ColumnType.of(LogicalType.SMALLINT);
            case Types.INTEGER:
                return ColumnType.of(LogicalType.INTEGER);
            case Types.BIGINT:
                return ColumnType.of(LogicalType.BIGINT);
            case Types.DECIMAL:
            case Types.NUMERIC:
                return ColumnType.decimal(column.precision(), column.scale());
            case Types.BOOLEAN:
                return ColumnType.of(LogicalType.BOOLEAN);
            case Types.DATE:
                return ColumnType.of(LogicalType.DATE);
            case Types.TIME:
                return ColumnType.of(LogicalType.TIME);
            case Types.TIMESTAMP:
                return ColumnType.of(LogicalType.TIMESTAMP);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return ColumnType.of(LogicalType.TIMESTAMP_TZ);
            case Types.CHAR:
            case Types.NCHAR:
                return ColumnType.paddedText();
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return ColumnType.of(LogicalType.STRING);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return ColumnType.of(LogicalType.BINARY);
            case Types.TIME_WITH_TIMEZONE:
            case Types.SQLXML:
                return ColumnType.textOfValue();
            default:
                return ColumnType.unsupported();
        }
    }

    @Override
    public final String quote(String identifier) {
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    @Override
    public String qualified(TableRef table) {
        return quote(table.database()) + "." + quote(table.table());
    }

    /** How the database stores an unquoted name ({@code orders} becomes {@code ORDERS} in H2, {@code orders} in PostgreSQL); as typed by default. */
    protected String foldCase(String name) {
        return name;
    }

    @Override
    public SourceTable describe(Connection connection, TableRef table) throws SQLException {
        return new JdbcCatalog(connection, this::foldCase).describe(table);
    }

    @Override
    public String selectSql(SourceTable table, String splitPredicate, String userWhere) {
        String columns = table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + qualified(table.ref()) + where(splitPredicate, userWhere);
    }

    @Override
    public String countSql(SourceTable table, String splitPredicate, String userWhere) {
        return "SELECT " + countExpression() + " FROM " + qualified(table.ref()) + where(splitPredicate, userWhere);
    }

    /** The row count as a type every driver reads with {@code getLong}. */
    protected String countExpression() {
        return "COUNT(*)";
    }

    /** {@code " WHERE (a) AND (b)"} over the non-null predicates, or an empty string. Each is parenthesised so an OR inside stays inside. */
    protected static String where(String... predicates) {
        List<String> present = new ArrayList<>();
        for (String p : predicates) {
            if (p != null && !p.isBlank()) {
                present.add("(" + p + ")");
            }
        }
        return present.isEmpty() ? "" : " WHERE " + String.join(" AND ", present);
    }

    @Override
    public String sampleSql(SourceTable table, String column, int sampleRows, long tableRows, String userWhere) {
        String quoted = quote(column);
        if (tableRows <= sampleRows) {
            return "SELECT " + quoted + " FROM " + qualified(table.ref()) + where(quoted + " IS NOT NULL", userWhere);
        }
        return randomSampleSql(table, quoted, sampleRows, tableRows, userWhere);
    }

    /** A random sample of about {@code sampleRows} non-null values of the quoted column, out of about {@code tableRows} rows. */
    protected abstract String randomSampleSql(SourceTable table, String quotedColumn, int sampleRows, long tableRows, String userWhere);

    /** The fraction of rows to keep for a sample, rendered as a plain decimal (never scientific notation). */
    protected static String sampleFraction(int sampleRows, long tableRows, double scale) {
        double fraction = Math.min(1.0, (double) sampleRows / Math.max(1, tableRows)) * scale;
        return String.format(Locale.ROOT, "%.8f", fraction);
    }

    /**
     * Buckets 0..splits-1 from a hash modulo {@code splits} that is NULL only for a NULL key:
     * COALESCE puts those rows in bucket 0, so the expression is total.
     */
    protected static BucketExpression moduloBuckets(String hashModulo, int splits) {
        return BucketExpression.uniform("COALESCE(" + hashModulo + ", 0)", 0, splits - 1L);
    }

    @Override
    public BucketExpression partitionBuckets(SourceTable table) {
        throw ReplicatorException.usage("Cannot split table " + table.ref() + " by partition: " + name
                + " tables have no row partitions the reader can address; use --split-method hash or range");
    }

    @Override
    public String bucketCountSql(SourceTable table, BucketExpression buckets, String userWhere) {
        return "SELECT " + buckets.sql() + ", " + countExpression() + " FROM " + qualified(table.ref()) + where(userWhere)
                + " GROUP BY " + buckets.sql();
    }

    @Override
    public boolean prefersHashSplits() {
        return false;
    }

    /**
     * Read-only, autocommit off and REPEATABLE READ: the split's COUNT and its SELECT run in one
     * transaction over one snapshot, so the count checks exactly the rows that were read.
     */
    @Override
    public void prepareForRead(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Override
    public PreparedStatement streamingStatement(Connection connection, String sql, int fetchSize) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return statement;
    }

    @Override
    public boolean isTransient(SQLException e) {
        return TransientFailures.isTransient(e);
    }

    @Override
    public String toString() {
        return name;
    }
}
