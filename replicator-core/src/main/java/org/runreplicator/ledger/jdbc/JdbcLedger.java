package org.runreplicator.ledger.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.runreplicator.Secret;
import org.runreplicator.ledger.LedgerColumns;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerRetry;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;

/**
 * The ledger in a table of a JDBC database: Cloud SQL for PostgreSQL or MySQL, or H2 files for the
 * embedded ledger. Each transition is one upsert statement ({@link LedgerDialect#record}), which
 * needs the table's primary key (or a unique index) on the ledger key; {@link #prepare} checks it.
 * Each call opens its own connection, so a run that lasts hours never writes through a stale one.
 */
public final class JdbcLedger implements RunLedger {
    /** {@code [schema.]table}, plain identifiers only: the name is written into SQL unquoted. */
    private static final Pattern TABLE_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,127}\\.)?[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    private final String url;
    private final String user;
    private final Secret password;
    private final String table;
    private final LedgerDialect dialect;
    private final LedgerRetry retry;
    private final Clock clock;
    private final String description;

    /**
     * @param url the JDBC URL; it may carry credentials itself
     * @param user may be null
     * @param password may be null
     * @param table {@code [schema.]table}
     * @param description how messages name the ledger (the caller's masked form)
     */
    public JdbcLedger(String url, String user, Secret password, String table, LedgerRetry retry, Clock clock, String description) {
        if (!isValidTableName(table)) {
            throw new IllegalArgumentException("Invalid ledger table name '" + table + "': expected [SCHEMA.]TABLE of letters, digits and _");
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = table;
        this.dialect = LedgerDialect.forUrl(url);
        this.retry = retry;
        this.clock = clock;
        this.description = description;
    }

    /** Whether {@code table} is a {@code [schema.]table} name this ledger accepts. */
    public static boolean isValidTableName(String table) {
        return table != null && TABLE_NAME.matcher(table).matches();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void prepare(boolean createIfMissing) {
        call("check table " + table, connection -> {
            if (createIfMissing) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(dialect.createTable(table));
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT " + LedgerColumns.list() + " FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException e) {
                if (dialect.isTransient(e)) {
                    throw e;
                }
                throw new LedgerException("The ledger table " + table + " in " + description + " is missing or lacks the"
                        + " ledger's columns (" + LedgerColumns.list() + ")" + (createIfMissing ? "" : "; --ledger-create creates it")
                        + ": " + e.getMessage(), e);
            }
            requireKey(connection.getMetaData());
            return null;
        });
    }

    // The upsert needs a primary key or unique index on exactly the ledger key; without one, MySQL would silently add rows.
    private void requireKey(DatabaseMetaData meta) throws SQLException {
        String schema = null;
        String name = table;
        if (table.contains(".")) {
            schema = fold(meta, table.substring(0, table.indexOf('.')));
            name = table.substring(table.indexOf('.') + 1);
        }
        Set<String> wanted = new TreeSet<>(List.of("dbname", "tablename", "td_timestamp", "environment"));
        Map<String, Set<String>> indexes = new HashMap<>();
        try (ResultSet index = meta.getIndexInfo(null, schema, fold(meta, name), true, false)) {
            while (index.next()) {
                String column = index.getString("COLUMN_NAME");
                if (column != null) {
                    indexes.computeIfAbsent(String.valueOf(index.getString("INDEX_NAME")), k -> new TreeSet<>())
                            .add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        if (!indexes.containsValue(wanted)) {
            throw new LedgerException("The ledger table " + table + " in " + description + " has no primary key or unique index on"
                    + " (dbName, tableName, td_timestamp, environment), which the ledger's upsert needs");
        }
    }

    private static String fold(DatabaseMetaData meta, String identifier) throws SQLException {
        if (meta.storesUpperCaseIdentifiers()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        if (meta.storesLowerCaseIdentifiers()) {
            return identifier.toLowerCase(Locale.ROOT);
        }
        return identifier;
    }

    @Override
    public LedgerRow record(LedgerKey key, LedgerStatus status, String jobId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return call("record " + key + " as " + status, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(dialect.record(table))) {
                upsert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                dialect.bindRecord(upsert, key, status, jobId, now);
                upsert.executeUpdate();
            }
            return read(connection, key).orElseThrow(() -> new LedgerException("Recorded " + key + " as " + status + " in "
                    + description + " but cannot read the row back"));
        });
    }

    @Override
    public Optional<LedgerRow> find(LedgerKey key) {
        return call("read " + key, connection -> read(connection, key));
    }

    private Optional<LedgerRow> read(Connection connection, LedgerKey key) throws SQLException {
        String sql = select() + " AND td_timestamp = ? AND environment = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, key.dbName());
            query.setString(2, key.tableName());
            dialect.setInstant(query, 3, key.tdTimestamp());
            query.setString(4, key.environment());
            List<LedgerRow> rows = rows(query);
            return rows.stream().findFirst();
        }
    }

    @Override
    public List<LedgerRow> rows(String dbName, String tableName, Instant tdTimestamp) {
        return call("read rows of " + dbName + "." + tableName, connection -> {
            String order = " ORDER BY td_timestamp DESC, environment";
            try (PreparedStatement query = connection.prepareStatement(select() + (tdTimestamp == null ? "" : " AND td_timestamp = ?") + order)) {
                query.setString(1, dbName);
                query.setString(2, tableName);
                if (tdTimestamp != null) {
                    dialect.setInstant(query, 3, tdTimestamp.truncatedTo(ChronoUnit.MICROS));
                }
                return rows(query);
            }
        });
    }

    private String select() {
        return "SELECT " + LedgerColumns.list() + " FROM " + table + " WHERE dbName = ? AND tableName = ?";
    }

    private List<LedgerRow> rows(PreparedStatement query) throws SQLException {
        query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        List<LedgerRow> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                LedgerKey key = new LedgerKey(rs.getString(1), rs.getString(2), dialect.getInstant(rs, 3), rs.getString(5));
                rows.add(new LedgerRow(key, LedgerStatus.parse(rs.getString(6)), dialect.getInstant(rs, 4), rs.getString(7)));
            }
        }
        return rows;
    }

    private <T> T call(String what, Work<T> work) {
        try {
            return retry.run(what, () -> {
                try (Connection connection = connect()) {
                    dialect.prepareSession(connection);
                    return work.run(connection);
                }
            }, t -> t instanceof SQLException && dialect.isTransient((SQLException) t));
        } catch (LedgerException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("Interrupted while trying to " + what + " in ledger " + description, e);
        } catch (Exception e) {
            throw new LedgerException("Cannot " + what + " in ledger " + description + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = dialect.connectionDefaults();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void close() {
        // Connections are per call; nothing is held.
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws Exception;
    }
}
