package org.runreplicator.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.runreplicator.types.ColumnType;
import org.runreplicator.types.LogicalType;

/**
 * PostgreSQL. The user's DB is a schema. Reads stream through a cursor, which the driver only
 * uses with autocommit off and a fetch size ({@link #prepareForRead}, {@link #streamingStatement}).
 * Not final: a test dialect is PostgreSQL without its shared snapshot.
 */
public class PostgresDialect extends BaseDialect {
    /** Seconds to wait for a TCP connection, so an unreachable host fails fast instead of after the OS timeout. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds for connecting and authenticating together. */
    public static final int LOGIN_TIMEOUT_SECONDS = 30;
    /** Seconds a read may wait for the server: long, as a COUNT over a big table is silent for minutes, but finite so a dead peer is noticed. */
    public static final int SOCKET_TIMEOUT_SECONDS = 3600;

    /** What pg_export_snapshot() returns, e.g. 00000003-0000001B-1: the only text spliced into SET TRANSACTION SNAPSHOT. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

    /** pgjdbc's COLUMN_SIZE for a NUMERIC declared without precision. */
    private static final int UNBOUNDED_NUMERIC = 131089;

    // The driver names integer columns with a sequence default "serial"; the column's type is the integer.
    private static final Map<String, String> SERIAL_TYPES = Map.of("SERIAL", "INT4", "BIGSERIAL", "INT8", "SMALLSERIAL", "INT2");

    public PostgresDialect() {
        super("postgresql", "jdbc:postgresql:", "\"");
    }

    @Override
    public Properties defaultConnectionProperties() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "run-replicator");
        // Read-only sessions even with autocommit on (planning): the driver sets the session's default.
        p.setProperty("readOnlyMode", "always");
        return p;
    }

    /** PostgreSQL's type names as pgjdbc reports them (serial types are their integers, see {@link #describe}). */
    @Override
    protected ColumnType columnTypeByName(String typeName, SourceColumn column) {
        switch (typeName) {
            case "INT2":
                return ColumnType.of(LogicalType.SMALLINT);
            case "INT4":
                return ColumnType.of(LogicalType.INTEGER);
            case "INT8":
                return ColumnType.of(LogicalType.BIGINT);
            case "NUMERIC":
                return column.precision() == UNBOUNDED_NUMERIC ? ColumnType.unboundedDecimal()
                        : ColumnType.decimal(column.precision(), column.scale());
            case "FLOAT4":
                return ColumnType.of(LogicalType.REAL);
            case "FLOAT8":
                return ColumnType.of(LogicalType.DOUBLE);
            case "BOOL":
                return ColumnType.of(LogicalType.BOOLEAN);
            case "DATE":
                return ColumnType.of(LogicalType.DATE);
            case "TIME":
                return ColumnType.of(LogicalType.TIME);
            case "TIMESTAMP":
                return ColumnType.of(LogicalType.TIMESTAMP);
            case "TIMESTAMPTZ":
                return ColumnType.of(LogicalType.TIMESTAMP_TZ);
            case "BPCHAR":
                return ColumnType.paddedText();
            case "VARCHAR":
            case "TEXT":
                return ColumnType.of(LogicalType.STRING);
            case "BYTEA":
                return ColumnType.of(LogicalType.BINARY);
            // No exact typed equivalent in Hive or Spark: the exact text.
            case "TIMETZ":
            case "JSON":
            case "JSONB":
            case "XML":
            case "UUID":
            case "INTERVAL":
                return ColumnType.textOfValue();
            default:
                return null;
        }
    }

    @Override
    protected String foldCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public SourceTable describe(Connection connection, TableRef table) throws SQLException {
        SourceTable described = super.describe(connection, table);
        List<SourceColumn> columns = new ArrayList<>();
        for (SourceColumn c : described.columns()) {
            String type = SERIAL_TYPES.getOrDefault(c.typeName(), c.typeName());
            columns.add(new SourceColumn(c.name(), c.position(), c.jdbcType(), type, c.precision(), c.scale(), c.nullable()));
        }
        return new SourceTable(described.ref(), columns, described.keyColumns(), described.partitioned());
    }

    /** BERNOULLI samples each row independently before the WHERE, so the percentage is taken of the filtered count. */
    @Override
    protected String randomSampleSql(SourceTable table, String quotedColumn, int sampleRows, long tableRows, String userWhere) {
        return "SELECT " + quotedColumn + " FROM " + qualified(table.ref())
                + " TABLESAMPLE BERNOULLI (" + sampleFraction(sampleRows, tableRows, 100.0) + ")"
                + where(quotedColumn + " IS NOT NULL", userWhere);
    }

    /**
     * {@code hashtext} of the key's text, shifted from int4 to 0..2^32-1. The text of a
     * {@code timestamptz}/{@code timetz} depends on the session's time zone, which the driver sets
     * from the JVM's: those are hashed at UTC so every reader puts a row in the same split.
     */
    @Override
    public BucketExpression hashBuckets(Connection connection, SourceTable table, List<String> columns, int splits) {
        String text = columns.size() == 1
                ? keyText(table, columns.get(0))
                : "concat_ws('|', " + columns.stream().map(c -> keyText(table, c)).collect(Collectors.joining(", ")) + ")";
        return moduloBuckets("mod(hashtext(" + text + ")::bigint + 2147483648, " + splits + ")", splits);
    }

    private String keyText(SourceTable table, String column) {
        String type = table.column(column).map(SourceColumn::typeName).orElse("");
        if (type.equals("TIMESTAMPTZ") || type.equals("TIMETZ")) {
            return "(" + quote(column) + " AT TIME ZONE 'UTC')::text";
        }
        return quote(column) + "::text";
    }

    @Override
    public String exportSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void importSnapshot(Connection connection, String id) throws SQLException {
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw new SQLException("Not a PostgreSQL snapshot id: " + id);
        }
        // The transaction's first statement, under REPEATABLE READ (prepareForRead): the split then sees what the exporter saw.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
        }
    }
}
