package org.runreplicator.types;

import java.util.Objects;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How one source column lands in Parquet and Hive: the source type as people read it, its
 * {@link LogicalType}, the Parquet field (physical and logical type, per flavour), and the value
 * writer that copies it; the Hive and BigQuery types derive from the logical type. Immutable; made
 * by {@link StandardColumnMappings} and checked when built.
 */
public final class ColumnMapping {
    private final String name;
    private final String sourceType;
    private final LogicalType logicalType;
    private final PrimitiveType parquetType;
    private final ValueWriter.Factory writerFactory;

    ColumnMapping(String name, String sourceType, LogicalType logicalType, PrimitiveType parquetType, ValueWriter.Factory writerFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.sourceType = Objects.requireNonNull(sourceType, "sourceType");
        this.logicalType = Objects.requireNonNull(logicalType, "logicalType");
        this.parquetType = Objects.requireNonNull(parquetType, "parquetType");
        this.writerFactory = Objects.requireNonNull(writerFactory, "writerFactory");
        if (!parquetType.getName().equals(name)) {
            throw new IllegalArgumentException("Parquet field " + parquetType.getName() + " does not carry column name " + name);
        }
        // Every field is optional: source NOT NULL flags are unreliable on views, and a REQUIRED field would turn a stray NULL into a corrupt file.
        if (parquetType.getRepetition() != Type.Repetition.OPTIONAL) {
            throw new IllegalArgumentException("Parquet field " + name + " must be optional, not " + parquetType.getRepetition());
        }
    }

    /** The column name, as the source spells it; also the Parquet field name. */
    public String name() {
        return name;
    }

    /** The source type as people read it, e.g. {@code DECIMAL(18,2)}, {@code PERIOD(DATE)}, {@code VARCHAR(20) -> STRING (override)}. */
    public String sourceType() {
        return sourceType;
    }

    public PrimitiveType parquetType() {
        return parquetType;
    }

    /** Physical and logical type as people read them, e.g. {@code INT64 TIMESTAMP(MICROS,false)}, {@code BINARY STRING}. */
    public String parquetTypeName() {
        LogicalTypeAnnotation logical = parquetType.getLogicalTypeAnnotation();
        String physical = parquetType.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                ? "FIXED_LEN_BYTE_ARRAY(" + parquetType.getTypeLength() + ")"
                : parquetType.getPrimitiveTypeName().name();
        return logical == null ? physical : physical + " " + logical;
    }

    /** What the column holds; the Parquet, Hive and BigQuery types all derive from it. */
    public LogicalType logicalType() {
        return logicalType;
    }

    /** The Hive column type for the metastore, e.g. {@code DECIMAL(18,2)}, {@code STRING}. */
    public String hiveType() {
        return logicalType.hiveType();
    }

    /** The BigQuery column type over these files, e.g. {@code NUMERIC(18,2)}, {@code DATETIME}. */
    public String bigQueryType() {
        return logicalType.bigQueryType();
    }

    /** A new value writer for this column at 0-based position {@code fieldIndex} of table {@code table}. */
    public ValueWriter newWriter(String table, int fieldIndex) {
        return writerFactory.create(table, name, fieldIndex);
    }

    @Override
    public String toString() {
        return name + " " + sourceType + " -> " + parquetTypeName() + " -> " + hiveType();
    }
}
