package org.runreplicator.source;

import java.io.Serializable;

/**
 * A column as the source describes it. {@code typeName} is the source's own spelling
 * (e.g. {@code DECIMAL}, {@code TIMESTAMP WITH TIME ZONE}, {@code PERIOD(DATE)}, {@code int4});
 * {@code jdbcType} is the {@link java.sql.Types} code the driver reports.
 */
public final class SourceColumn implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int position;
    private final int jdbcType;
    private final String typeName;
    private final int precision;
    private final int scale;
    private final boolean nullable;

    public SourceColumn(String name, int position, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
        this.name = name;
        this.position = position;
        this.jdbcType = jdbcType;
        this.typeName = typeName;
        this.precision = precision;
        this.scale = scale;
        this.nullable = nullable;
    }

    public String name() {
        return name;
    }

    /** 1-based ordinal position in the table. */
    public int position() {
        return position;
    }

    public int jdbcType() {
        return jdbcType;
    }

    public String typeName() {
        return typeName;
    }

    /** Precision for numbers, length for character and binary types, fractional digits for time types where the driver says so. */
    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public boolean nullable() {
        return nullable;
    }

    @Override
    public String toString() {
        return name + " " + typeName + (precision > 0 ? "(" + precision + (scale > 0 ? "," + scale : "") + ")" : "");
    }
}
