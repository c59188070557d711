package org.runreplicator.types;

import java.util.Locale;
import java.util.Objects;

/**
 * What a column holds, independent of any file format or engine: the one type from which the
 * Parquet type (per {@link ParquetFlavor}), the value writer, the Hive type and the BigQuery type
 * are all derived, so they cannot disagree. Each source dialect maps its own types to these.
 */
public final class LogicalType {
    /** The kinds of values Run Replicator copies exactly. */
    public enum Kind {
        TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, DATE,
        /** Time of day, microseconds. */
        TIME,
        /** Wall-clock date and time without a zone, microseconds. */
        TIMESTAMP,
        /** An instant (a timestamp with a zone or offset, kept as UTC), microseconds. */
        TIMESTAMP_TZ,
        STRING, BINARY
    }

    /** The widest decimal Parquet readers (Hive, Spark, DuckDB, BigQuery's BIGNUMERIC) agree on. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final LogicalType TINYINT = new LogicalType(Kind.TINYINT, 0, 0);
    public static final LogicalType SMALLINT = new LogicalType(Kind.SMALLINT, 0, 0);
    public static final LogicalType INTEGER = new LogicalType(Kind.INTEGER, 0, 0);
    public static final LogicalType BIGINT = new LogicalType(Kind.BIGINT, 0, 0);
    public static final LogicalType REAL = new LogicalType(Kind.REAL, 0, 0);
    public static final LogicalType DOUBLE = new LogicalType(Kind.DOUBLE, 0, 0);
    public static final LogicalType BOOLEAN = new LogicalType(Kind.BOOLEAN, 0, 0);
    public static final LogicalType DATE = new LogicalType(Kind.DATE, 0, 0);
    public static final LogicalType TIME = new LogicalType(Kind.TIME, 0, 0);
    public static final LogicalType TIMESTAMP = new LogicalType(Kind.TIMESTAMP, 0, 0);
    public static final LogicalType TIMESTAMP_TZ = new LogicalType(Kind.TIMESTAMP_TZ, 0, 0);
    public static final LogicalType STRING = new LogicalType(Kind.STRING, 0, 0);
    public static final LogicalType BINARY = new LogicalType(Kind.BINARY, 0, 0);

    private final Kind kind;
    private final int precision;
    private final int scale;

    private LogicalType(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /** DECIMAL(p,s): precision 1 to 38, scale 0 to p; anything else is refused by the type mapping with advice first. */
    public static LogicalType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is not a decimal Parquet and Hive"
                    + " can hold (precision 1 to 38, scale 0 to precision)");
        }
        return new LogicalType(Kind.DECIMAL, precision, scale);
    }

    public Kind kind() {
        return kind;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public boolean isInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    public boolean isNumeric() {
        return isInteger() || kind == Kind.DECIMAL || kind == Kind.REAL || kind == Kind.DOUBLE;
    }

    /** The Hive column type: Hive has no TIME, so a time of day is its microseconds as BIGINT. */
    public String hiveType() {
        switch (kind) {
            case TINYINT:
                return "TINYINT";
            case SMALLINT:
                return "SMALLINT";
            case INTEGER:
                return "INT";
            case BIGINT:
            case TIME:
                return "BIGINT";
            case DECIMAL:
                return "DECIMAL(" + precision + "," + scale + ")";
            case REAL:
                return "FLOAT";
            case DOUBLE:
                return "DOUBLE";
            case BOOLEAN:
                return "BOOLEAN";
            case DATE:
                return "DATE";
            case TIMESTAMP:
            case TIMESTAMP_TZ:
                return "TIMESTAMP";
            case STRING:
                return "STRING";
            case BINARY:
                return "BINARY";
            default:
                throw new IllegalStateException("No Hive type for " + kind);
        }
    }

    /**
     * The BigQuery column type of an external or loaded table over these files: NUMERIC holds 29
     * integer and 9 fraction digits, BIGNUMERIC 38 and 38; a wall-clock timestamp is a DATETIME.
     */
    public String bigQueryType() {
        switch (kind) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return "INT64";
            case DECIMAL:
                return precision - scale <= 29 && scale <= 9 ? "NUMERIC(" + precision + "," + scale + ")"
                        : "BIGNUMERIC(" + precision + "," + scale + ")";
            case REAL:
            case DOUBLE:
                return "FLOAT64";
            case BOOLEAN:
                return "BOOL";
            case DATE:
                return "DATE";
            case TIME:
                return "TIME";
            case TIMESTAMP:
                return "DATETIME";
            case TIMESTAMP_TZ:
                return "TIMESTAMP";
            case STRING:
                return "STRING";
            case BINARY:
                return "BYTES";
            default:
                throw new IllegalStateException("No BigQuery type for " + kind);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalType && ((LogicalType) o).kind == kind && ((LogicalType) o).precision == precision
                && ((LogicalType) o).scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale);
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name().toLowerCase(Locale.ROOT);
    }
}
