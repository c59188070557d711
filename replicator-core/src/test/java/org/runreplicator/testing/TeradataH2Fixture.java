package org.runreplicator.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * A stand-in for Teradata, because no Teradata server can run here: an in-memory H2 database
 * that answers the SQL {@link org.runreplicator.source.TeradataDialect} sends.
 *
 * <ul>
 *   <li>{@code HASHROW(v, ...)}, {@code HASHBUCKET(h)}, {@code HASHAMP(b)}: deterministic Java
 *       functions of the values. As in Teradata, HASHROW of NULLs is a fixed value (0),
 *       HASHBUCKET takes the top 20 bits (0..2^20-1), {@code HASHBUCKET()} is the highest bucket
 *       and {@code HASHAMP()} the highest AMP number ({@link #AMPS} - 1).</li>
 *   <li>{@code DBC.ColumnsV} and {@code DBC.IndicesV} as tables whose name columns ignore case,
 *       like Teradata's NOT CASESPECIFIC dictionary, filled for every table the fixture makes.</li>
 *   <li>A partitioned table's system-derived {@code PARTITION} is a generated column, left out
 *       of the dictionary as Teradata leaves it out of the table's columns.</li>
 * </ul>
 * What it cannot show: real hash distribution, what locks do (requests carrying a LOCKING
 * modifier go through {@link TeradataRequestLog}, which records and strips it), FastExport,
 * Teradata-only syntax such as {@code SAMPLE n} (sampling is exercised here only where the whole
 * column is read).
 */
public final class TeradataH2Fixture implements AutoCloseable {
    public static final int AMPS = 8;
    public static final int HASH_BUCKETS = 1 << 20;
    public static final String USER = "replicator";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A column: its Teradata dictionary entry and the H2 type that holds its values (null: dictionary only). */
    public record Column(String name, String typeCode, String h2Type, long length, int totalDigits, int fractionalDigits,
                         int charType, boolean nullable) {
        public static Column integer(String name, boolean nullable) {
            return new Column(name, "I", "INTEGER", 4, 0, 0, 0, nullable);
        }

        public static Column bigint(String name, boolean nullable) {
            return new Column(name, "I8", "BIGINT", 8, 0, 0, 0, nullable);
        }

        public static Column decimal(String name, int precision, int scale, boolean nullable) {
            return new Column(name, "D", "DECIMAL(" + precision + "," + scale + ")", precision > 18 ? 16 : 8, precision, scale, 0, nullable);
        }

        public static Column date(String name, boolean nullable) {
            return new Column(name, "DA", "DATE", 4, 0, 0, 0, nullable);
        }

        public static Column timestamp(String name, int fractionalDigits, boolean nullable) {
            return new Column(name, "TS", "TIMESTAMP(" + fractionalDigits + ")", 26, 0, fractionalDigits, 0, nullable);
        }

        /** A VARCHAR in the UNICODE character set: the dictionary's ColumnLength counts two bytes per character. */
        public static Column unicodeVarchar(String name, int characters, boolean nullable) {
            return new Column(name, "CV", "VARCHAR(" + characters + ")", 2L * characters, 0, 0, 2, nullable);
        }

        /** Only a dictionary entry, for types H2 cannot hold (PERIOD, INTERVAL...). */
        public static Column dictionaryOnly(String name, String typeCode, long length, int totalDigits, int fractionalDigits,
                                            int charType, boolean nullable) {
            return new Column(name, typeCode, null, length, totalDigits, fractionalDigits, charType, nullable);
        }
    }

    /**
     * A table: database, name, columns, primary index, and for a PPI the H2 expression over its
     * columns that computes PARTITION (as Teradata's RANGE_N would), else null.
     */
    public record Table(String database, String name, List<Column> columns, List<String> primaryIndex, String partitionExpression) {
        public Table {
            columns = List.copyOf(columns);
            primaryIndex = List.copyOf(primaryIndex);
        }
    }

    private final String url;
    private final Connection connection;

    private TeradataH2Fixture(String url) throws SQLException {
        this.url = url;
        this.connection = DriverManager.getConnection(url, USER, "");
        try (Statement st = connection.createStatement()) {
            for (Map.Entry<String, String> function : Map.of("HASHROW", "hashRow", "HASHBUCKET", "hashBucket", "HASHAMP", "hashAmp").entrySet()) {
                st.execute("CREATE ALIAS " + function.getKey() + " DETERMINISTIC FOR \""
                        + TeradataH2Fixture.class.getName() + "." + function.getValue() + "\"");
            }
            st.execute("CREATE SCHEMA DBC");
            st.execute("CREATE TABLE DBC.ColumnsV (DatabaseName VARCHAR_IGNORECASE(128), TableName VARCHAR_IGNORECASE(128),"
                    + " ColumnName VARCHAR_IGNORECASE(128), ColumnType CHAR(2), ColumnLength INTEGER, DecimalTotalDigits SMALLINT,"
                    + " DecimalFractionalDigits SMALLINT, Nullable CHAR(1), CharType SMALLINT, ColumnId SMALLINT)");
            st.execute("CREATE TABLE DBC.IndicesV (DatabaseName VARCHAR_IGNORECASE(128), TableName VARCHAR_IGNORECASE(128),"
                    + " IndexNumber SMALLINT, IndexType CHAR(1), ColumnName VARCHAR_IGNORECASE(128), ColumnPosition SMALLINT)");
        }
    }

    /** A fresh, empty database with the functions and dictionary in place. */
    public static TeradataH2Fixture open() throws SQLException {
        // PARTITION is an H2 keyword; Teradata lets it name the system-derived column.
        return new TeradataH2Fixture("jdbc:h2:mem:teradata" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=PARTITION");
    }

    public String jdbcUrl() {
        return url;
    }

    /** The same database as the Teradata dialect's requests reach it: through {@link TeradataRequestLog}, which accepts LOCKING. */
    public String teradataUrl() {
        return TeradataRequestLog.url(url);
    }

    /** The fixture's own connection; opening more with {@link #jdbcUrl()} reaches the same database. */
    public Connection connection() {
        return connection;
    }

    /** A table of orders with a (non-partitioned) primary index on ORDER_ID. */
    public static Table ordersTable(String database, String name) {
        return new Table(database, name, List.of(
                Column.bigint("ORDER_ID", false),
                Column.integer("CUSTOMER_ID", true),
                Column.decimal("AMOUNT", 18, 2, true),
                Column.date("ORDER_DATE", true),
                Column.unicodeVarchar("NOTE", 100, true)), List.of("ORDER_ID"), null);
    }

    /** A table of events with a partitioned primary index: one partition per month from January 2020 (RANGE_N by month). */
    public static Table eventsTable(String database, String name) {
        return new Table(database, name, List.of(
                Column.integer("EVENT_ID", false),
                Column.date("EVENT_DATE", false),
                Column.timestamp("LOGGED_AT", 6, true),
                Column.unicodeVarchar("KIND", 20, true)), List.of("EVENT_ID"),
                "(EXTRACT(YEAR FROM EVENT_DATE) - 2020) * 12 + EXTRACT(MONTH FROM EVENT_DATE)");
    }

    /** Creates the table in H2 (schema too) and describes it in the dictionary. */
    public void create(Table table) throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (Column c : table.columns()) {
            definitions.add(quote(c.name()) + " " + c.h2Type() + (c.nullable() ? "" : " NOT NULL"));
        }
        if (table.partitionExpression() != null) {
            definitions.add("PARTITION INTEGER GENERATED ALWAYS AS (" + table.partitionExpression() + ")");
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(table.database()));
            st.execute("CREATE TABLE " + quote(table.database()) + "." + quote(table.name()) + " ("
                    + String.join(", ", definitions) + ")");
        }
        register(table);
    }

    /** Describes the table in the dictionary only (for types H2 cannot hold). */
    public void register(Table table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO DBC.ColumnsV VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int columnId = 1025;
            for (Column c : table.columns()) {
                ps.setString(1, table.database());
                ps.setString(2, table.name());
                ps.setString(3, c.name());
                ps.setString(4, c.typeCode());
                ps.setLong(5, c.length());
                ps.setInt(6, c.totalDigits());
                ps.setInt(7, c.fractionalDigits());
                ps.setString(8, c.nullable() ? "Y" : "N");
                ps.setInt(9, c.charType());
                ps.setInt(10, columnId++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO DBC.IndicesV VALUES (?, ?, 1, ?, ?, ?)")) {
            int position = 1;
            for (String column : table.primaryIndex()) {
                ps.setString(1, table.database());
                ps.setString(2, table.name());
                ps.setString(3, table.partitionExpression() == null ? "P" : "Q");
                ps.setString(4, column);
                ps.setInt(5, position++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The fully qualified, quoted name. */
    public static String qualified(Table table) {
        return quote(table.database()) + "." + quote(table.name());
    }

    /** Column names of a table as a quoted, comma-separated list in table order. */
    public static String columnList(Table table) {
        return table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SHUTDOWN");
        }
        connection.close();
    }

    /**
     * HASHROW: a 32-bit hash of the values' text (H2 hands any type over as text); numbers hash
     * by value, so 1 and 1.00 alike; all NULLs hash to 0.
     */
    public static int hashRow(String... values) {
        boolean allNull = true;
        CRC32 crc = new CRC32();
        for (String v : values) {
            allNull &= v == null;
            String text = v == null ? "\u0000" : NUMBER.matcher(v).matches() ? new BigDecimal(v).stripTrailingZeros().toPlainString() : v;
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            crc.update(0x1f);
        }
        if (allNull) {
            return 0;
        }
        // CRC32 of short texts varies little in its top bits; mix them so HASHBUCKET spreads (murmur3's finaliser).
        int h = (int) crc.getValue();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** HASHBUCKET(rowhash): the top 20 bits. */
    public static int hashBucket(int rowHash) {
        return rowHash >>> 12;
    }

    /** HASHBUCKET(): the highest bucket number. */
    public static int hashBucket() {
        return HASH_BUCKETS - 1;
    }

    /** HASHAMP(bucket): the AMP owning the bucket (Teradata's hash map, here round-robin). */
    public static int hashAmp(int bucket) {
        return bucket % AMPS;
    }

    /** HASHAMP(): the highest AMP number. */
    public static int hashAmp() {
        return AMPS - 1;
    }
}
