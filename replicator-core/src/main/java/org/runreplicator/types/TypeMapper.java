package org.runreplicator.types;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceTable;

/**
 * Decides how each source column is written, before any data is read: by the source's type name
 * first (so Teradata's names are not confused with another driver's codes), by the JDBC type code
 * when the name is unknown, and by the user's {@code --map-column} overrides above both.
 *
 * <pre>
 * source type names (Teradata | PostgreSQL | H2)               Parquet                          Hive
 * BYTEINT | - | TINYINT                                         INT32 INTEGER(8,true)            TINYINT
 * SMALLINT | INT2, SMALLSERIAL | SMALLINT                       INT32 INTEGER(16,true)           SMALLINT
 * INTEGER | INT4, SERIAL | INTEGER                              INT32                            INT
 * BIGINT | INT8, BIGSERIAL | BIGINT                             INT64                            BIGINT
 * DECIMAL, NUMBER | NUMERIC | NUMERIC, DECIMAL  (p 1..38)       INT32/INT64/FLBA DECIMAL(p,s)    DECIMAL(p,s)
 * FLOAT | FLOAT8 | DOUBLE PRECISION                             DOUBLE                           DOUBLE
 * - | FLOAT4 | REAL                                             FLOAT                            FLOAT
 * - | BOOL | BOOLEAN                                            BOOLEAN                          BOOLEAN
 * DATE                                                          INT32 DATE                       DATE
 * TIME | TIME | TIME                                            INT64 TIME(MICROS,false)         BIGINT (micros of the day)
 * TIMESTAMP                                                     INT64 TIMESTAMP(MICROS,false)    TIMESTAMP
 * TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ | same as Teradata     INT64 TIMESTAMP(MICROS,true)     TIMESTAMP
 * CHAR | BPCHAR | CHARACTER  (trailing spaces kept unless trimmed) BINARY STRING                 STRING
 * VARCHAR, CLOB | VARCHAR, TEXT | CHARACTER VARYING, CLOB       BINARY STRING                    STRING
 * BYTE, VARBYTE, BLOB | BYTEA | BINARY, BINARY VARYING, BLOB    BINARY                           BINARY
 * TIME WITH TIME ZONE, JSON, XML, PERIOD(...), INTERVAL ...,
 *   TIMETZ, JSONB, UUID: carried as the driver's exact text    BINARY STRING                    STRING
 * NUMBER/NUMERIC without precision, precision over 38, DECFLOAT, arrays, ROW, anything else: refused
 * </pre>
 */
public final class TypeMapper {
    /** What a source type holds; each kind has one mapping in {@link StandardColumnMappings}. */
    private enum Kind {
        TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, UNBOUNDED_DECIMAL, REAL, DOUBLE, BOOLEAN, DATE, TIME,
        TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE, PADDED_TEXT, TEXT, BINARY, CARRIED_AS_TEXT
    }

    /** pgjdbc's COLUMN_SIZE for a NUMERIC declared without precision. */
    private static final int POSTGRES_UNBOUNDED_NUMERIC = 131089;

    private static final Map<String, Kind> BY_TYPE_NAME = new HashMap<>();

    static {
        names(Kind.TINYINT, "BYTEINT", "TINYINT");
        names(Kind.SMALLINT, "SMALLINT", "INT2", "SMALLSERIAL");
        names(Kind.INTEGER, "INTEGER", "INT", "INT4", "SERIAL");
        names(Kind.BIGINT, "BIGINT", "INT8", "BIGSERIAL");
        names(Kind.DECIMAL, "DECIMAL", "NUMERIC", "NUMBER");
        names(Kind.UNBOUNDED_DECIMAL, "DECFLOAT");
        names(Kind.REAL, "REAL", "FLOAT4");
        // Teradata's FLOAT is 64-bit; H2 and pgjdbc never report a 32-bit type as FLOAT.
        names(Kind.DOUBLE, "FLOAT", "FLOAT8", "DOUBLE", "DOUBLE PRECISION");
        names(Kind.BOOLEAN, "BOOLEAN", "BOOL");
        names(Kind.DATE, "DATE");
        names(Kind.TIME, "TIME");
        names(Kind.TIMESTAMP, "TIMESTAMP");
        names(Kind.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ");
        names(Kind.PADDED_TEXT, "CHAR", "CHARACTER", "BPCHAR", "NCHAR");
        names(Kind.TEXT, "VARCHAR", "CHARACTER VARYING", "VARCHAR_IGNORECASE", "CLOB", "CHARACTER LARGE OBJECT", "TEXT", "NVARCHAR");
        names(Kind.BINARY, "BYTE", "VARBYTE", "BLOB", "BYTEA", "BINARY", "BINARY VARYING", "VARBINARY", "BINARY LARGE OBJECT");
        // Hive and Spark have no equivalent that keeps these values exactly; their text does.
        names(Kind.CARRIED_AS_TEXT, "TIME WITH TIME ZONE", "TIMETZ", "JSON", "JSONB", "XML", "UUID");
    }

    private static final String[] CARRIED_AS_TEXT_PREFIXES = {"INTERVAL", "PERIOD("};

    private TypeMapper() {
    }

    private static void names(Kind kind, String... typeNames) {
        for (String name : typeNames) {
            BY_TYPE_NAME.put(name, kind);
        }
    }

    /**
     * Maps every column of {@code table}. {@code overrides} maps column names (any case) to
     * STRING, BIGINT, DOUBLE or DECIMAL(p[,s]); {@code trimChar} strips trailing spaces from CHAR.
     *
     * @throws ReplicatorException SOURCE for a column whose type cannot be copied exactly, USAGE for
     *     an override naming a missing column or an unknown type
     */
    public static TableSchema map(SourceTable table, Map<String, String> overrides, boolean trimChar) {
        String tableName = table.ref().toString();
        Map<String, ColumnOverride> byColumn = overridesByColumn(table, overrides);
        List<ColumnMapping> mappings = new ArrayList<>(table.columns().size());
        Map<String, String> seen = new HashMap<>();
        for (SourceColumn column : table.columns()) {
            String previous = seen.put(column.name().toUpperCase(Locale.ROOT), column.name());
            if (previous != null) {
                throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + tableName + ": columns " + previous + " and "
                        + column.name() + " differ only in case, which Hive cannot tell apart");
            }
            ColumnOverride override = byColumn.get(column.name().toUpperCase(Locale.ROOT));
            Kind kind = kindOf(column);
            mappings.add(override != null
                    ? override.mapping(column, isNumeric(kind), isInteger(kind), tableName)
                    : mapping(column, kind, trimChar, tableName));
        }
        return new TableSchema(tableName, mappings);
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

    /** The kind for the column's type name, else for its JDBC type code, else null (unsupported). */
    private static Kind kindOf(SourceColumn column) {
        String typeName = column.typeName() == null ? "" : column.typeName().trim().toUpperCase(Locale.ROOT);
        Kind kind = BY_TYPE_NAME.get(typeName);
        if (kind != null) {
            return kind;
        }
        for (String prefix : CARRIED_AS_TEXT_PREFIXES) {
            if (typeName.startsWith(prefix)) {
                return Kind.CARRIED_AS_TEXT;
            }
        }
        return kindOfJdbcType(column.jdbcType());
    }

    // No fallback for BIT, floating point, ARRAY, STRUCT, OTHER: a name we do not know there may not hold what the code suggests (PostgreSQL's bit(8), money).
    private static Kind kindOfJdbcType(int jdbcType) {
        switch (jdbcType) {
            case Types.TINYINT:
                return Kind.TINYINT;
            case Types.SMALLINT:
                return Kind.SMALLINT;
            case Types.INTEGER:
                return Kind.INTEGER;
            case Types.BIGINT:
                return Kind.BIGINT;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return Kind.DECIMAL;
            case Types.BOOLEAN:
                return Kind.BOOLEAN;
            case Types.DATE:
                return Kind.DATE;
            case Types.TIME:
                return Kind.TIME;
            case Types.TIMESTAMP:
                return Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return Kind.TIMESTAMP_WITH_TIME_ZONE;
            case Types.CHAR:
            case Types.NCHAR:
                return Kind.PADDED_TEXT;
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return Kind.TEXT;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return Kind.BINARY;
            case Types.TIME_WITH_TIMEZONE:
            case Types.SQLXML:
                return Kind.CARRIED_AS_TEXT;
            default:
                return null;
        }
    }

    private static ColumnMapping mapping(SourceColumn column, Kind kind, boolean trimChar, String table) {
        String name = column.name();
        String type = column.typeName();
        if (kind == null) {
            throw refusal(table, column, "unsupported type " + type, "--map-column " + name + "=STRING");
        }
        switch (kind) {
            case TINYINT:
                return StandardColumnMappings.tinyint(name, type);
            case SMALLINT:
                return StandardColumnMappings.smallint(name, type);
            case INTEGER:
                return StandardColumnMappings.integer(name, type);
            case BIGINT:
                return StandardColumnMappings.bigint(name, type);
            case DECIMAL:
                return decimal(column, table);
            case UNBOUNDED_DECIMAL:
                throw unboundedDecimal(column, table);
            case REAL:
                return StandardColumnMappings.real(name, type);
            case DOUBLE:
                return StandardColumnMappings.doublePrecision(name, type);
            case BOOLEAN:
                return StandardColumnMappings.bool(name, type);
            case DATE:
                return StandardColumnMappings.date(name, type);
            case TIME:
                return StandardColumnMappings.time(name, type);
            case TIMESTAMP:
                return StandardColumnMappings.timestamp(name, type);
            case TIMESTAMP_WITH_TIME_ZONE:
                return StandardColumnMappings.timestampWithTimeZone(name, type);
            case PADDED_TEXT:
                return trimChar ? StandardColumnMappings.trimmedString(name, type + " (trimmed)") : StandardColumnMappings.string(name, type);
            case TEXT:
            case CARRIED_AS_TEXT:
                return StandardColumnMappings.string(name, type);
            case BINARY:
                return StandardColumnMappings.binary(name, type);
            default:
                throw new IllegalStateException("No mapping for kind " + kind);
        }
    }

    private static ColumnMapping decimal(SourceColumn column, String table) {
        int precision = column.precision();
        int scale = column.scale();
        String declared = column.typeName() + "(" + precision + "," + scale + ")";
        if (precision == 0 || precision == POSTGRES_UNBOUNDED_NUMERIC) {
            throw unboundedDecimal(column, table);
        }
        if (precision > StandardColumnMappings.MAX_DECIMAL_PRECISION) {
            throw refusal(table, column, "type " + declared + ", wider than Parquet's 38 digits",
                    "--map-column " + column.name() + "=DECIMAL(38," + Math.min(scale, StandardColumnMappings.MAX_DECIMAL_PRECISION)
                            + ") if its values fit, or --map-column " + column.name() + "=STRING");
        }
        if (scale < 0 || scale > precision) {
            throw refusal(table, column, "type " + declared + " whose scale is outside 0 to its precision",
                    "--map-column " + column.name() + "=DECIMAL(p,s) or --map-column " + column.name() + "=STRING");
        }
        return StandardColumnMappings.decimal(column.name(), declared, precision, scale);
    }

    private static ReplicatorException unboundedDecimal(SourceColumn column, String table) {
        return refusal(table, column, "type " + column.typeName() + " without a fixed precision and scale",
                "--map-column " + column.name() + "=DECIMAL(38,s) choosing the scale s its values need, or --map-column "
                        + column.name() + "=STRING");
    }

    private static ReplicatorException refusal(String table, SourceColumn column, String what, String advice) {
        return new ReplicatorException(FailureKind.SOURCE,
                "Cannot read table " + table + ": column " + column.name() + " has " + what + "; map it with " + advice);
    }

    private static boolean isNumeric(Kind kind) {
        return isInteger(kind) || kind == Kind.DECIMAL || kind == Kind.UNBOUNDED_DECIMAL || kind == Kind.REAL || kind == Kind.DOUBLE;
    }

    private static boolean isInteger(Kind kind) {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }
}
