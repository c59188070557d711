package org.runreplicator.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceTable;

/**
 * Reads a source's values the exact way (java.time, BigDecimal, bytes, text; never through
 * java.sql.Timestamp or Date, which shift with the JVM zone), in the shapes {@link ParquetReadback}
 * returns, so the two compare with equals.
 */
public final class SourceValues {
    private SourceValues() {
    }

    /** Every row of {@code sql} (which selects the table's columns in order), each value read exactly. */
    public static List<List<Object>> rows(Connection connection, String sql, SourceTable table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (SourceColumn c : table.columns()) {
                    row.add(value(rs, c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static Object value(ResultSet rs, SourceColumn c) throws SQLException {
        int i = c.position();
        Object value = switch (c.typeName()) {
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case "UUID", "TIMETZ", "TIME WITH TIME ZONE" -> rs.getString(i);
            default -> switch (c.jdbcType()) {
                case Types.DATE -> rs.getObject(i, LocalDate.class);
                case Types.TIME -> rs.getObject(i, LocalTime.class);
                case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
                case Types.NUMERIC, Types.DECIMAL -> rs.getBigDecimal(i);
                case Types.REAL -> rs.getObject(i, Float.class);
                case Types.FLOAT, Types.DOUBLE -> rs.getObject(i, Double.class);
                case Types.BOOLEAN, Types.BIT -> rs.getObject(i, Boolean.class);
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(i);
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(i);
                default -> rs.getString(i);
            };
        };
        return rs.wasNull() ? null : value;
    }

    /** Makes rows comparable with equals: integers as long, bytes as hex; decimals keep their scale. */
    public static List<List<Object>> comparable(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(SourceValues::comparable).toList()).toList();
    }

    private static Object comparable(Object v) {
        if (v instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        return v;
    }
}
