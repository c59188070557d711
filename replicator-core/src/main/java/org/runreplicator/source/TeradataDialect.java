package org.runreplicator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.types.ColumnType;
import org.runreplicator.types.LogicalType;

/**
 * Teradata. Tables are described from the data dictionary ({@code DBC.ColumnsV},
 * {@code DBC.IndicesV}); rows are split on the primary index's AMP ({@link #hashBuckets}) or on
 * the PPI's {@code PARTITION} ({@link #partitionBuckets}), so each split reads whole AMPs or
 * whole partitions.
 *
 * <p>URL options that matter for bulk reads ({@code jdbc:teradata://host/OPT=V,OPT=V}):
 * <ul>
 *   <li>{@code TYPE=FASTEXPORT}: reads a SELECT over several parallel FastExport sessions;
 *       worth its logon cost only for large results ({@link #FASTEXPORT_MIN_ROWS}), and each
 *       job takes one of the system's limited utility slots. {@link #readUrls} adds it for
 *       large splits unless the URL already names a {@code TYPE}.</li>
 *   <li>{@code CHARSET=UTF8}: the session character set; without it non-Latin text in
 *       UNICODE columns arrives as replacement characters.</li>
 *   <li>{@code TMODE=ANSI|TERA}: transaction semantics. Reads behave the same in both, but in
 *       ANSI mode string comparisons in {@code --where} are case-specific.</li>
 *   <li>{@code LOGMECH=TD2|LDAP}: the logon mechanism; LDAP for directory users.</li>
 * </ul>
 */
public final class TeradataDialect extends BaseDialect {
    /** Splits estimated above this many rows are read through FastExport first. */
    public static final long FASTEXPORT_MIN_ROWS = 500_000;

    static final String COLUMNS_SQL = "SELECT DatabaseName, TableName, ColumnName, ColumnType, ColumnLength,"
            + " DecimalTotalDigits, DecimalFractionalDigits, Nullable, CharType, ColumnId"
            + " FROM DBC.ColumnsV WHERE DatabaseName = ? AND TableName = ? ORDER BY ColumnId";
    // 'P' is a non-partitioned primary index, 'Q' a partitioned one (PPI).
    static final String PRIMARY_INDEX_SQL = "SELECT ColumnName, IndexType, ColumnPosition"
            + " FROM DBC.IndicesV WHERE DatabaseName = ? AND TableName = ? AND IndexType IN ('P', 'Q')"
            + " ORDER BY ColumnPosition";
    /** HASHAMP() is the highest AMP number. */
    static final String AMP_COUNT_SQL = "SELECT HASHAMP() + 1";
    /** HASHBUCKET() is the highest hash bucket number (65535 or 1048575 by system). */
    static final String HASH_BUCKET_COUNT_SQL = "SELECT HASHBUCKET() + 1";

    private static final int DEADLOCK = 2631;
    private static final int CONCURRENT_CHANGE_CONFLICT = 3598;
    private static final int INVALID_LOGON = 8017;
    private static final int NO_ACCESS = 3523;
    private static final int OBJECT_MISSING = 3807;
    private static final int SYNTAX_ERROR = 3706;

    public TeradataDialect() {
        super("teradata", "jdbc:teradata:", "\"");
    }

    /** Teradata's type names, as {@link TeradataColumnTypes} reads them from the data dictionary. */
    @Override
    protected ColumnType columnTypeByName(String typeName, SourceColumn column) {
        if (typeName.startsWith("PERIOD(") || typeName.startsWith("INTERVAL")) {
            return ColumnType.textOfValue();
        }
        switch (typeName) {
            case "BYTEINT":
                return ColumnType.of(LogicalType.TINYINT);
            case "SMALLINT":
                return ColumnType.of(LogicalType.SMALLINT);
            case "INTEGER":
                return ColumnType.of(LogicalType.INTEGER);
            case "BIGINT":
                return ColumnType.of(LogicalType.BIGINT);
            case "DECIMAL":
            case "NUMBER":
                return ColumnType.decimal(column.precision(), column.scale());
            case "FLOAT": // Teradata's FLOAT (and REAL, DOUBLE PRECISION) is 64-bit
                return ColumnType.of(LogicalType.DOUBLE);
            case "DATE":
                return ColumnType.of(LogicalType.DATE);
            case "TIME":
                return ColumnType.of(LogicalType.TIME);
            case "TIMESTAMP":
                return ColumnType.of(LogicalType.TIMESTAMP);
            case "TIMESTAMP WITH TIME ZONE":
                return ColumnType.of(LogicalType.TIMESTAMP_TZ);
            case "CHAR":
                return ColumnType.paddedText();
            case "VARCHAR":
            case "CLOB":
                return ColumnType.of(LogicalType.STRING);
            case "BYTE":
            case "VARBYTE":
            case "BLOB":
                return ColumnType.of(LogicalType.BINARY);
            // No exact typed equivalent in Hive or Spark: the exact text.
            case "TIME WITH TIME ZONE":
            case "JSON":
            case "XML":
                return ColumnType.textOfValue();
            default:
                return null;
        }
    }

    @Override
    public List<String> readUrls(String jdbcUrl, long estimatedRows) {
        String scheme = "jdbc:teradata://";
        if (estimatedRows < FASTEXPORT_MIN_ROWS || !jdbcUrl.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return List.of(jdbcUrl);
        }
        int slash = jdbcUrl.indexOf('/', scheme.length());
        String options = slash < 0 ? "" : jdbcUrl.substring(slash + 1);
        for (String option : options.split(",")) {
            if (option.trim().toUpperCase(Locale.ROOT).startsWith("TYPE=")) {
                return List.of(jdbcUrl);
            }
        }
        String fastExport = slash < 0 ? jdbcUrl + "/TYPE=FASTEXPORT"
                : options.isEmpty() ? jdbcUrl + "TYPE=FASTEXPORT" : jdbcUrl + ",TYPE=FASTEXPORT";
        return List.of(fastExport, jdbcUrl);
    }

    /**
     * FastExport fails where a regular session would not when the system's utility slots or
     * sessions are used up, or the query is one it cannot export; fall back then. A wrong
     * logon, a missing object, no access or bad SQL would fail the regular session the same way.
     */
    @Override
    public boolean fallsBackToSession(SQLException bulkExportFailure) {
        return !TransientFailures.isAuthFailure(bulkExportFailure)
                && !TransientFailures.isSyntaxOrAccessFailure(bulkExportFailure)
                && !TransientFailures.hasErrorCode(bulkExportFailure, INVALID_LOGON, NO_ACCESS, OBJECT_MISSING, SYNTAX_ERROR);
    }

    @Override
    public boolean isTransient(SQLException e) {
        if (TransientFailures.hasErrorCode(e, INVALID_LOGON, NO_ACCESS, OBJECT_MISSING, SYNTAX_ERROR)) {
            return false;
        }
        return TransientFailures.hasErrorCode(e, DEADLOCK, CONCURRENT_CHANGE_CONFLICT) || super.isTransient(e);
    }

    @Override
    public SourceTable describe(Connection connection, TableRef table) throws SQLException {
        TableRef real = null;
        List<SourceColumn> columns = new ArrayList<>();
        // Dictionary names are NOT CASESPECIFIC: the user's spelling matches in any case.
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL)) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (real == null) {
                        real = new TableRef(rs.getString(1).trim(), rs.getString(2).trim());
                    }
                    String name = rs.getString(3).trim();
                    int totalDigits = rs.getInt(6);
                    int fractionalDigits = rs.getInt(7);
                    String nullable = rs.getString(8);
                    columns.add(TeradataColumnTypes.column(real, name, columns.size() + 1, rs.getString(4), rs.getLong(5),
                            totalDigits, fractionalDigits, rs.getInt(9), nullable == null || !nullable.trim().equals("N")));
                }
            }
        }
        if (real == null) {
            throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + table
                    + ": it does not exist or is not visible to user " + connection.getMetaData().getUserName());
        }
        List<String> primaryIndex = new ArrayList<>();
        boolean partitioned = false;
        try (PreparedStatement ps = connection.prepareStatement(PRIMARY_INDEX_SQL)) {
            ps.setString(1, real.database());
            ps.setString(2, real.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    primaryIndex.add(rs.getString(1).trim());
                    partitioned |= rs.getString(2).trim().equals("Q");
                }
            }
        }
        return new SourceTable(real, columns, primaryIndex, partitioned);
    }

    /** COUNT(*) is INTEGER in Teradata mode and overflows past 2^31-1 rows. */
    @Override
    protected String countExpression() {
        return "CAST(COUNT(*) AS BIGINT)";
    }

    @Override
    protected String randomSampleSql(SourceTable table, String quotedColumn, int sampleRows, long tableRows, String userWhere) {
        return "SELECT " + quotedColumn + " FROM " + qualified(table.ref()) + where(quotedColumn + " IS NOT NULL", userWhere)
                + " SAMPLE " + sampleRows;
    }

    /**
     * The AMP that owns each row, counted so splits get balanced runs of whole AMPs. With more
     * splits than AMPs, ranges of hash buckets instead: a good hash spreads rows evenly over them.
     * HASHROW of NULL is a fixed value, so rows with NULL keys land in exactly one bucket.
     */
    @Override
    public BucketExpression hashBuckets(Connection connection, SourceTable table, List<String> columns, int splits) throws SQLException {
        String rowHash = "HASHROW(" + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
        long amps = single(connection, AMP_COUNT_SQL);
        if (splits <= amps) {
            return BucketExpression.counted("HASHAMP(HASHBUCKET(" + rowHash + "))", 0, amps - 1);
        }
        long buckets = single(connection, HASH_BUCKET_COUNT_SQL);
        return BucketExpression.uniform("HASHBUCKET(" + rowHash + ")", 0, buckets - 1);
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The system-derived PARTITION column (never quoted: a quoted name would mean a user column). */
    @Override
    public BucketExpression partitionBuckets(SourceTable table) {
        if (!table.partitioned()) {
            throw ReplicatorException.usage("Cannot split table " + table.ref()
                    + " by partition: it has no partitioned primary index; use --split-method hash or range");
        }
        return BucketExpression.counted("PARTITION", 0, Long.MAX_VALUE);
    }

    /**
     * READ: writers wait for the copy (TDCH's default too). A lock held until the end of a
     * transaction is the only way to keep a Teradata table still across sessions; readers that
     * must not block writers choose {@code --source-lock access}.
     */
    @Override
    public SourceLock defaultSourceLock() {
        return SourceLock.READ;
    }

    /** The LOCKING request modifier: {@code LOCKING TABLE "db"."t" FOR ACCESS SELECT ...}. */
    @Override
    public String withLock(String sql, SourceTable table, SourceLock lock) {
        return lock == null ? sql : "LOCKING TABLE " + qualified(table.ref()) + " FOR " + lock.name() + " " + sql;
    }

    @Override
    public boolean prefersHashSplits() {
        return true;
    }

    /**
     * Read-only, with the driver's autocommit left on: FastExport runs each SELECT as its own
     * request. Teradata has no snapshots: a copy is consistent across splits only while writers
     * are kept out, by the READ lock one session holds for the copy ({@link SourceLock#READ}).
     */
    @Override
    public void prepareForRead(Connection connection) throws SQLException {
        connection.setReadOnly(true);
    }
}
