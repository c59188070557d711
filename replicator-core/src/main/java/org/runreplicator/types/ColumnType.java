package org.runreplicator.types;

import java.util.Objects;

/**
 * What a source dialect says about one column: the {@link LogicalType} its values have and how
 * they are taken from the driver ({@link Read}), or, for a type that cannot be copied exactly as
 * it is, why not ({@link #refused}). Each dialect makes these from its own type names, as Trino's
 * JDBC clients each map their types ({@code toColumnMapping}).
 */
public final class ColumnType {
    /** How a value is taken from the JDBC row. */
    public enum Read {
        /** With the getter that matches the logical type. */
        NATIVE,
        /** A fixed-length CHAR: text with its pad spaces, kept unless {@code --trim-char}. */
        PADDED_TEXT,
        /** A fixed-length CHAR with its pad spaces removed ({@code --trim-char}). */
        TRIMMED_TEXT,
        /** The driver's exact text of a value that has no exact typed equivalent (JSON, INTERVAL, PERIOD, TIME WITH TIME ZONE...). */
        TEXT_OF_VALUE,
        /** A decimal or floating-point value mapped to BIGINT: read exactly, and only a whole number in range is written. */
        WHOLE_NUMBER
    }

    /** Why a type is refused. */
    public enum Refusal {
        /** A decimal without a fixed precision and scale (PostgreSQL NUMERIC, Teradata NUMBER(*), DECFLOAT). */
        UNBOUNDED_DECIMAL,
        /** No mapping for this type name or JDBC type code. */
        UNSUPPORTED
    }

    private final LogicalType logical;
    private final Read read;
    private final Refusal refusal;
    private final int precision;
    private final int scale;
    private final boolean numeric;

    private ColumnType(LogicalType logical, Read read, Refusal refusal, int precision, int scale, boolean numeric) {
        this.logical = logical;
        this.read = read;
        this.refusal = refusal;
        this.precision = precision;
        this.scale = scale;
        this.numeric = numeric;
    }

    public static ColumnType of(LogicalType logical) {
        return new ColumnType(Objects.requireNonNull(logical), Read.NATIVE, null, 0, 0, logical.isNumeric());
    }

    public static ColumnType paddedText() {
        return new ColumnType(LogicalType.STRING, Read.PADDED_TEXT, null, 0, 0, false);
    }

    public static ColumnType textOfValue() {
        return new ColumnType(LogicalType.STRING, Read.TEXT_OF_VALUE, null, 0, 0, false);
    }

    /**
     * A declared DECIMAL(p,s), checked later by the type mapping (which refuses precision over 38
     * or a scale outside 0..p with advice); {@code precision} 0 means none was declared.
     */
    public static ColumnType decimal(int precision, int scale) {
        if (precision == 0) {
            return new ColumnType(null, Read.NATIVE, Refusal.UNBOUNDED_DECIMAL, 0, 0, true);
        }
        return new ColumnType(null, Read.NATIVE, null, precision, scale, true);
    }

    public static ColumnType unboundedDecimal() {
        return new ColumnType(null, Read.NATIVE, Refusal.UNBOUNDED_DECIMAL, 0, 0, true);
    }

    public static ColumnType unsupported() {
        return new ColumnType(null, Read.NATIVE, Refusal.UNSUPPORTED, 0, 0, false);
    }

    /** The logical type; null for a declared decimal (see {@link #declaredPrecision}) or a refused type. */
    public LogicalType logical() {
        return logical;
    }

    public Read read() {
        return read;
    }

    /** Why the type cannot be copied as it is, or null. */
    public Refusal refusal() {
        return refusal;
    }

    /** Whether this is a declared decimal still to be checked. */
    public boolean isDeclaredDecimal() {
        return logical == null && refusal == null;
    }

    public int declaredPrecision() {
        return precision;
    }

    public int declaredScale() {
        return scale;
    }

    /** Whether the source values are numbers ({@code --map-column} may then choose BIGINT, DOUBLE or DECIMAL). */
    public boolean isNumeric() {
        return numeric;
    }

    /** Whether the source values are whole numbers (mapped to BIGINT with the plain getter). */
    public boolean isInteger() {
        return logical != null && logical.isInteger();
    }
}
