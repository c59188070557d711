package org.runreplicator.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;

/**
 * Decides how each source column is written, before any data is read: the source's dialect says
 * which {@link LogicalType} a column holds ({@link SourceDialect#columnType}), the user's
 * {@code --map-column} overrides it, and {@link StandardColumnMappings} derives the Parquet type
 * (in the chosen {@link ParquetFlavor}), the value writer, and the Hive and BigQuery types from it.
 *
 * <pre>
 * logical type        Parquet hive3 (default)          Parquet modern                   Hive           BigQuery
 * TINYINT             INT32 INTEGER(8,true)            same                             TINYINT        INT64
 * SMALLINT            INT32 INTEGER(16,true)           same                             SMALLINT       INT64
 * INTEGER             INT32                            same                             INT            INT64
 * BIGINT              INT64                            same                             BIGINT         INT64
 * DECIMAL(p,s) p≤38   FIXED_LEN_BYTE_ARRAY DECIMAL     INT32 (p≤9) / INT64 (p≤18) / FLBA DECIMAL(p,s)  NUMERIC / BIGNUMERIC
 * REAL                FLOAT                            same                             FLOAT          FLOAT64
 * DOUBLE              DOUBLE                           same                             DOUBLE         FLOAT64
 * BOOLEAN             BOOLEAN                          same                             BOOLEAN        BOOL
 * DATE                INT32 DATE                       same                             DATE           DATE
 * TIME                INT64 TIME(MICROS,false)         same                             BIGINT (µs)    TIME
 * TIMESTAMP           INT96 (UTC wall clock)           INT64 TIMESTAMP(MICROS,false)    TIMESTAMP      DATETIME
 * TIMESTAMP_TZ        INT96 (UTC)                      INT64 TIMESTAMP(MICROS,true)     TIMESTAMP      TIMESTAMP
 * STRING              BINARY STRING                    same                             STRING         STRING
 * BINARY              BINARY                           same                             BINARY         BYTES
 * </pre>
 * Which source types hold which logical type is in each dialect ({@code TeradataDialect},
 * {@code PostgresDialect}, {@code H2Dialect}, the JDBC type codes in {@code BaseDialect}). Decimals
 * without a fixed precision, precision over 38, and types no dialect knows are refused with advice,
 * all of a table's in one failure.
 */
public final class TypeMapper {
    private TypeMapper() {
    }

    /**
     * Maps every column of {@code table} as read through {@code dialect}. {@code overrides} maps
     * column names (any case) to STRING, BIGINT, DOUBLE or DECIMAL(p[,s]); {@code trimChar} strips
     * trailing spaces from CHAR.
     *
     * @throws ReplicatorException SOURCE naming every column whose type cannot be copied exactly (all in one
     *     failure, each with the override that would carry it), USAGE for
     *     an override naming a missing column or an unknown type
     */
    public static TableSchema map(SourceTable table, SourceDialect dialect, Map<String, String> overrides, boolean trimChar,
            ParquetFlavor flavor) {
        String tableName = table.ref().toString();
        Map<String, ColumnOverride> byColumn = overridesByColumn(table, overrides);
        List<ColumnMapping> mappings = new ArrayList<>(table.columns().size());
        List<ColumnRefusal> refusals = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (SourceColumn column : table.columns()) {
            String previous = seen.put(column.name().toUpperCase(Locale.ROOT), column.name());
            if (previous != null) {
                throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + tableName + ": columns " + previous + " and "
                        + column.name() + " differ only in case, which Hive cannot tell apart");
            }
            ColumnOverride override = byColumn.get(column.name().toUpperCase(Locale.ROOT));
            ColumnType type = dialect.columnType(column);
            if (override != null) {
                mappings.add(override.mapping(column, type.isNumeric(), type.isInteger(), tableName, flavor));
                continue;
            }
            ColumnRefusal refusal = refusal(column, type);
            if (refusal != null) {
                refusals.add(refusal);
            } else {
                mappings.add(mapping(column, type, trimChar, flavor));
            }
        }
        if (!refusals.isEmpty()) {
            throw ColumnRefusal.failure(tableName, refusals);
        }
        return new TableSchema(tableName, mappings, flavor);
    }

    private static Map<String, ColumnOverride> overridesByColumn(SourceTable table, Map<String, String> overrides) {
        Map<String, ColumnOverride> byColumn = new HashMap<>();
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            if (table.column(entry.getKey()).isEmpty()) {
                throw ReplicatorException.usage("Cannot apply --map-column " + entry.getKey() + "=" + entry.getValue() + ": table "
                        + table.ref() + " has no column " + entry.getKey());
            }
            byColumn.put(entry.getKey().toUpperCase(Locale.ROOT), ColumnOverride.parse(entry.getKey(), entry.getValue()));
        }
        return byColumn;
    }

    /** Why {@code column} cannot be copied as it is, with the override that would carry it; null when it can. */
    private static ColumnRefusal refusal(SourceColumn column, ColumnType type) {
        String name = column.name();
        if (type.refusal() == ColumnType.Refusal.UNSUPPORTED) {
            return new ColumnRefusal(column, "unsupported type " + column.typeName(), "--map-column " + name + "=STRING");
        }
        if (type.refusal() == ColumnType.Refusal.UNBOUNDED_DECIMAL) {
            return new ColumnRefusal(column, "type " + column.typeName() + " without a fixed precision and scale",
                    "--map-column " + name + "=DECIMAL(38,s) choosing the scale s its values need, or --map-column " + name + "=STRING");
        }
        if (!type.isDeclaredDecimal()) {
            return null;
        }
        int precision = type.declaredPrecision();
        int scale = type.declaredScale();
        String declared = declaredDecimal(column, type);
        if (precision > LogicalType.MAX_DECIMAL_PRECISION) {
            return new ColumnRefusal(column, "type " + declared + ", wider than Parquet's 38 digits",
                    "--map-column " + name + "=DECIMAL(38," + Math.min(scale, LogicalType.MAX_DECIMAL_PRECISION)
                            + ") if its values fit, or --map-column " + name + "=STRING");
        }
        if (scale < 0 || scale > precision) {
            return new ColumnRefusal(column, "type " + declared + " whose scale is outside 0 to its precision",
                    "--map-column " + name + "=DECIMAL(p,s) or --map-column " + name + "=STRING");
        }
        return null;
    }

    /** The mapping of a column {@link #refusal} accepted. */
    private static ColumnMapping mapping(SourceColumn column, ColumnType type, boolean trimChar, ParquetFlavor flavor) {
        String name = column.name();
        if (type.isDeclaredDecimal()) {
            return StandardColumnMappings.of(name, declaredDecimal(column, type),
                    LogicalType.decimal(type.declaredPrecision(), type.declaredScale()), ColumnType.Read.NATIVE, flavor);
        }
        if (type.read() == ColumnType.Read.PADDED_TEXT && trimChar) {
            return StandardColumnMappings.of(name, column.typeName() + " (trimmed)", type.logical(), ColumnType.Read.TRIMMED_TEXT, flavor);
        }
        return StandardColumnMappings.of(name, column.typeName(), type.logical(), type.read(), flavor);
    }

    private static String declaredDecimal(SourceColumn column, ColumnType type) {
        return column.typeName() + "(" + type.declaredPrecision() + "," + type.declaredScale() + ")";
    }
}
