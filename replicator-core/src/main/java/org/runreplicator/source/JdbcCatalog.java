package org.runreplicator.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * Describes a table through JDBC {@link DatabaseMetaData}, for sources where the database the
 * user names is a schema (PostgreSQL, H2). Users type names in any case; the real spelling is
 * found by trying the name as typed, as the database folds unquoted names, and in the other case.
 */
final class JdbcCatalog {
    private final Connection connection;
    private final UnaryOperator<String> foldCase;

    JdbcCatalog(Connection connection, UnaryOperator<String> foldCase) {
        this.connection = connection;
        this.foldCase = foldCase;
    }

    SourceTable describe(TableRef requested) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        TableRef real = resolve(meta, requested);
        List<SourceColumn> columns = columns(meta, real);
        List<String> key = primaryKey(meta, real);
        return new SourceTable(real, columns, key, false);
    }

    /**
     * The table whose schema and name equal the requested ones ignoring case. Among several
     * (quoted names differing only in case), the spelling as typed wins, then the folded one.
     */
    private TableRef resolve(DatabaseMetaData meta, TableRef requested) throws SQLException {
        TableRef best = null;
        for (String schema : schemas(meta, requested.database())) {
            for (String table : tables(meta, schema, requested.table())) {
                TableRef candidate = new TableRef(schema, table);
                if (best == null || rank(candidate, requested) < rank(best, requested)) {
                    best = candidate;
                }
            }
        }
        if (best == null) {
            throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + requested
                    + ": it does not exist or is not visible to user " + meta.getUserName());
        }
        return best;
    }

    private int rank(TableRef candidate, TableRef requested) {
        return spellingRank(candidate.database(), requested.database()) + spellingRank(candidate.table(), requested.table());
    }

    private int spellingRank(String real, String typed) {
        return real.equals(typed) ? 0 : real.equals(foldCase.apply(typed)) ? 1 : 2;
    }

    private static List<String> schemas(DatabaseMetaData meta, String typed) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = meta.getSchemas()) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema.equalsIgnoreCase(typed)) {
                    found.add(schema);
                }
            }
        }
        return found;
    }

    /** Tries the likely spellings through the metadata's name pattern first; lists the schema only if none exists. */
    private List<String> tables(DatabaseMetaData meta, String schema, String typed) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        for (String spelling : List.of(typed, foldCase.apply(typed), typed.toUpperCase(Locale.ROOT), typed.toLowerCase(Locale.ROOT))) {
            found.addAll(matchingTables(meta, schema, escape(meta, spelling), typed));
        }
        if (found.isEmpty()) {
            found.addAll(matchingTables(meta, schema, "%", typed));
        }
        return new ArrayList<>(found);
    }

    private static List<String> matchingTables(DatabaseMetaData meta, String schema, String pattern, String typed) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, escape(meta, schema), pattern, null)) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (schema.equals(rs.getString("TABLE_SCHEM")) && table.equalsIgnoreCase(typed)) {
                    found.add(table);
                }
            }
        }
        return found;
    }

    /** Metadata calls take LIKE patterns, and {@code _} is legal in names: escape it so it matches only itself. */
    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        String esc = meta.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    private static List<SourceColumn> columns(DatabaseMetaData meta, TableRef table) throws SQLException {
        TreeMap<Integer, SourceColumn> byPosition = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(null, escape(meta, table.database()), escape(meta, table.table()), "%")) {
            while (rs.next()) {
                if (!table.database().equals(rs.getString("TABLE_SCHEM")) || !table.table().equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                int position = rs.getInt("ORDINAL_POSITION");
                byPosition.put(position, new SourceColumn(
                        rs.getString("COLUMN_NAME"),
                        position,
                        rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT),
                        rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        // Dropped columns can leave gaps in ordinal positions; positions here are 1..n in table order.
        List<SourceColumn> columns = new ArrayList<>();
        for (SourceColumn c : byPosition.values()) {
            columns.add(new SourceColumn(c.name(), columns.size() + 1, c.jdbcType(), c.typeName(), c.precision(), c.scale(), c.nullable()));
        }
        return columns;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, TableRef table) throws SQLException {
        List<Object[]> parts = new ArrayList<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, table.database(), table.table())) {
            while (rs.next()) {
                parts.add(new Object[] {rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME")});
            }
        }
        parts.sort(Comparator.comparingInt(p -> (Integer) p[0]));
        List<String> key = new ArrayList<>();
        for (Object[] p : parts) {
            key.add((String) p[1]);
        }
        return key;
    }
}
