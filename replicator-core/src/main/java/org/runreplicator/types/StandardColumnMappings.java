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
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT96;

import java.math.BigInteger;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;

/**
 * The target side of the mapping table: for each {@link LogicalType}, in each {@link ParquetFlavor},
 * its Parquet physical and logical type and its value writer; the Hive and BigQuery types come from
 * the logical type itself. {@link TypeMapper} decides which logical type a source column has.
 */
public final class StandardColumnMappings {
    /** The widest decimal Parquet readers (Hive, Spark, DuckDB) agree on. */
    public static final int MAX_DECIMAL_PRECISION = LogicalType.MAX_DECIMAL_PRECISION;
    private static final int MAX_INT32_DECIMAL_PRECISION = 9;
    private static final int MAX_INT64_DECIMAL_PRECISION = 18;
    /** INT96: nanoseconds of the day (8 bytes, little-endian) then the Julian day (4 bytes, little-endian). */
    static final int INT96_BYTES = 12;

    private StandardColumnMappings() {
    }

    /**
     * Column {@code name} of logical type {@code type}, read as {@code read} says, in {@code flavor}.
     * {@code sourceType} is how people read the source's type, for the plan.
     */
    public static ColumnMapping of(String name, String sourceType, LogicalType type, ColumnType.Read read, ParquetFlavor flavor) {
        switch (type.kind()) {
            case TINYINT:
                return mapping(name, sourceType, type, Types.optional(INT32).as(intType(8, true)), ValueWriters.Int32Writer::new);
            case SMALLINT:
                return mapping(name, sourceType, type, Types.optional(INT32).as(intType(16, true)), ValueWriters.Int32Writer::new);
            case INTEGER:
                return mapping(name, sourceType, type, Types.optional(INT32), ValueWriters.Int32Writer::new);
            case BIGINT:
                return mapping(name, sourceType, type, Types.optional(INT64),
                        read == ColumnType.Read.WHOLE_NUMBER ? ValueWriters.ExactInt64Writer::new : ValueWriters.Int64Writer::new);
            case DECIMAL:
                return decimal(name, sourceType, type, flavor);
            case REAL:
                return mapping(name, sourceType, type, Types.optional(FLOAT), ValueWriters.FloatWriter::new);
            case DOUBLE:
                return mapping(name, sourceType, type, Types.optional(DOUBLE), ValueWriters.DoubleWriter::new);
            case BOOLEAN:
                return mapping(name, sourceType, type, Types.optional(BOOLEAN), ValueWriters.BooleanWriter::new);
            case DATE:
                return mapping(name, sourceType, type, Types.optional(INT32).as(dateType()), ValueWriters.DateWriter::new);
            case TIME:
                // Hive has no TIME type; BIGINT is how Hive reads the INT64 underneath (microseconds since midnight).
                return mapping(name, sourceType, type, Types.optional(INT64).as(timeType(false, TimeUnit.MICROS)),
                        ValueWriters.TimeMicrosWriter::new);
            case TIMESTAMP:
                return flavor.timestampsAsInt96()
                        ? mapping(name, sourceType, type, Types.optional(INT96), Int96Writers.LocalTimestamp::new)
                        : mapping(name, sourceType, type, Types.optional(INT64).as(timestampType(false, TimeUnit.MICROS)),
                                ValueWriters.LocalTimestampMicrosWriter::new);
            case TIMESTAMP_TZ:
                return flavor.timestampsAsInt96()
                        ? mapping(name, sourceType, type, Types.optional(INT96), Int96Writers.Instant::new)
                        : mapping(name, sourceType, type, Types.optional(INT64).as(timestampType(true, TimeUnit.MICROS)),
                                ValueWriters.InstantMicrosWriter::new);
            case STRING:
                return mapping(name, sourceType, type, Types.optional(BINARY).as(stringType()),
                        read == ColumnType.Read.TRIMMED_TEXT ? ValueWriters.TrimmedStringWriter::new : ValueWriters.StringWriter::new);
            case BINARY:
                return mapping(name, sourceType, type, Types.optional(BINARY), ValueWriters.BytesWriter::new);
            default:
                throw new IllegalStateException("No mapping for " + type);
        }
    }

    /**
     * DECIMAL(p,s): in {@link ParquetFlavor#MODERN} INT32 up to 9 digits, INT64 up to 18; otherwise
     * (and always in {@link ParquetFlavor#HIVE3}) the fewest bytes that hold p digits.
     */
    private static ColumnMapping decimal(String name, String sourceType, LogicalType type, ParquetFlavor flavor) {
        int precision = type.precision();
        int scale = type.scale();
        if (!flavor.decimalsAsFixedLength() && precision <= MAX_INT32_DECIMAL_PRECISION) {
            return mapping(name, sourceType, type, Types.optional(INT32).as(decimalType(scale, precision)),
                    (table, field, index) -> new DecimalWriter.Int32(table, field, index, precision, scale));
        }
        if (!flavor.decimalsAsFixedLength() && precision <= MAX_INT64_DECIMAL_PRECISION) {
            return mapping(name, sourceType, type, Types.optional(INT64).as(decimalType(scale, precision)),
                    (table, field, index) -> new DecimalWriter.Int64(table, field, index, precision, scale));
        }
        int length = decimalBytes(precision);
        return mapping(name, sourceType, type, Types.optional(FIXED_LEN_BYTE_ARRAY).length(length).as(decimalType(scale, precision)),
                (table, field, index) -> new DecimalWriter.FixedLength(table, field, index, precision, scale, length));
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;
        return (bits + 7) / 8;
    }

    private static ColumnMapping mapping(String name, String sourceType, LogicalType type, Types.PrimitiveBuilder<PrimitiveType> parquet,
            ValueWriter.Factory writer) {
        return new ColumnMapping(name, sourceType, type, parquet.named(name), writer);
    }
}
