package org.runreplicator.types;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timeType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.math.BigInteger;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.Types;

/**
 * The target side of the mapping table: for each kind of value, its Parquet physical and logical
 * type, its Hive type and its value writer. {@link TypeMapper} decides which source types use which.
 */
public final class StandardColumnMappings {
    /** The widest decimal Parquet readers (Hive, Spark, DuckDB) agree on. */
    public static final int MAX_DECIMAL_PRECISION = 38;
    private static final int MAX_INT32_DECIMAL_PRECISION = 9;
    private static final int MAX_INT64_DECIMAL_PRECISION = 18;

    private StandardColumnMappings() {
    }

    public static ColumnMapping tinyint(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT32).as(intType(8, true)).named(name), "TINYINT", ValueWriters.Int32Writer::new);
    }

    public static ColumnMapping smallint(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT32).as(intType(16, true)).named(name), "SMALLINT", ValueWriters.Int32Writer::new);
    }

    public static ColumnMapping integer(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT32).named(name), "INT", ValueWriters.Int32Writer::new);
    }

    public static ColumnMapping bigint(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT64).named(name), "BIGINT", ValueWriters.Int64Writer::new);
    }

    /** BIGINT for a decimal or floating-point source: each value must be a whole number that fits. */
    public static ColumnMapping exactBigint(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT64).named(name), "BIGINT", ValueWriters.ExactInt64Writer::new);
    }

    /**
     * DECIMAL(p,s): INT32 up to 9 digits, INT64 up to 18, else the fewest bytes that hold 38 digits
     * or fewer. Precision 1..38 and scale 0..p; {@link TypeMapper} refuses anything else with advice.
     */
    public static ColumnMapping decimal(String name, String sourceType, int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is not a Parquet decimal (precision 1 to 38, scale 0 to precision)");
        }
        String hive = "DECIMAL(" + precision + "," + scale + ")";
        if (precision <= MAX_INT32_DECIMAL_PRECISION) {
            return new ColumnMapping(name, sourceType, Types.optional(INT32).as(decimalType(scale, precision)).named(name), hive,
                    (table, field, index) -> new DecimalWriter.Int32(table, field, index, precision, scale));
        }
        if (precision <= MAX_INT64_DECIMAL_PRECISION) {
            return new ColumnMapping(name, sourceType, Types.optional(INT64).as(decimalType(scale, precision)).named(name), hive,
                    (table, field, index) -> new DecimalWriter.Int64(table, field, index, precision, scale));
        }
        int length = decimalBytes(precision);
        return new ColumnMapping(name, sourceType,
                Types.optional(FIXED_LEN_BYTE_ARRAY).length(length).as(decimalType(scale, precision)).named(name), hive,
                (table, field, index) -> new DecimalWriter.FixedLength(table, field, index, precision, scale, length));
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;
        return (bits + 7) / 8;
    }

    /** 32-bit floating point (REAL, FLOAT4). */
    public static ColumnMapping real(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(FLOAT).named(name), "FLOAT", ValueWriters.FloatWriter::new);
    }

    /** 64-bit floating point (Teradata FLOAT, DOUBLE PRECISION, FLOAT8). */
    public static ColumnMapping doublePrecision(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(DOUBLE).named(name), "DOUBLE", ValueWriters.DoubleWriter::new);
    }

    public static ColumnMapping bool(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(BOOLEAN).named(name), "BOOLEAN", ValueWriters.BooleanWriter::new);
    }

    public static ColumnMapping date(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT32).as(dateType()).named(name), "DATE", ValueWriters.DateWriter::new);
    }

    /** Time of day in microseconds. Hive has no TIME type; BIGINT is how Hive reads the INT64 underneath (microseconds since midnight). */
    public static ColumnMapping time(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT64).as(timeType(false, TimeUnit.MICROS)).named(name), "BIGINT",
                ValueWriters.TimeMicrosWriter::new);
    }

    /** A wall-clock timestamp (no zone): stored as is, never converted through any zone. */
    public static ColumnMapping timestamp(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT64).as(timestampType(false, TimeUnit.MICROS)).named(name), "TIMESTAMP",
                ValueWriters.LocalTimestampMicrosWriter::new);
    }

    /** A timestamp with a zone or offset: stored as the UTC instant (the offset itself is not kept). */
    public static ColumnMapping timestampWithTimeZone(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(INT64).as(timestampType(true, TimeUnit.MICROS)).named(name), "TIMESTAMP",
                ValueWriters.InstantMicrosWriter::new);
    }

    /** Text exactly as the driver's {@code getString} gives it: character types, and types carried as their text (JSON, INTERVAL, PERIOD...). */
    public static ColumnMapping string(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(BINARY).as(stringType()).named(name), "STRING", ValueWriters.StringWriter::new);
    }

    /** Fixed-length CHAR with its trailing pad spaces removed. */
    public static ColumnMapping trimmedString(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(BINARY).as(stringType()).named(name), "STRING", ValueWriters.TrimmedStringWriter::new);
    }

    public static ColumnMapping binary(String name, String sourceType) {
        return new ColumnMapping(name, sourceType, Types.optional(BINARY).named(name), "BINARY", ValueWriters.BytesWriter::new);
    }
}
