package org.runreplicator.types;

import java.util.Objects;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How one source column lands in Parquet and Hive: the source type as people read it, the Parquet
 * field (physical and logical type), the Hive column type, and the value writer that copies it.
 * Immutable; made by {@link StandardColumnMappings} and checked when built.
 */
public final class ColumnMapping {
    private final String name;
    private final String sourceType;
    private final PrimitiveType parquetType;
    private final String hiveType;
    private final ValueWriter.Factory writerFactory;

    ColumnMapping(String name, String sourceType, PrimitiveType parquetType, String hiveType, ValueWriter.Factory writerFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.sourceType = Objects.requireNonNull(sourceType, "sourceType");
        this.parquetType = Objects.requireNonNull(parquetType, "parquetType");
        this.hiveType = Objects.requireNonNull(hiveType, "hiveType");
        this.writerFactory = Objects.requireNonNull(writerFactory, "writerFactory");
        if (!parquetType.getName().equals(name)) {
            throw new IllegalArgumentException("Parquet field " + parquetType.getName() + " does not carry column name " + name);
        }
        // Every field is optional: source NOT NULL flags are unreliable on views, and a REQUIRED field would turn a stray NULL into a corrupt file.
        if (parquetType.getRepetition() != Type.Repetition.OPTIONAL) {
            throw new IllegalArgumentException("Parquet field " + name + " must be optional, not " + parquetType.getRepetition());
        }
        if (hiveType.isBlank()) {
            throw new IllegalArgumentException("Column " + name + " has no Hive type");
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

    /** The Hive column type for the metastore, e.g. {@code DECIMAL(18,2)}, {@code STRING}. */
    public String hiveType() {
        return hiveType;
    }

    /** A new value writer for this column at 0-based position {@code fieldIndex} of table {@code table}. */
    public ValueWriter newWriter(String table, int fieldIndex) {
        return writerFactory.create(table, name, fieldIndex);
    }

    @Override
    public String toString() {
        return name + " " + sourceType + " -> " + parquetTypeName() + " -> " + hiveType;
    }
}
