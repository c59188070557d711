package org.runreplicator.types;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * Copies one column of the current JDBC row into the Parquet record being written. A SQL NULL
 * leaves the (optional) field out. Implementations read with primitive getters and
 * {@link ResultSet#wasNull()} so the hot path boxes nothing.
 */
public abstract class ValueWriter {
    /** Makes the writer for one column: its table (for messages), its field name and 0-based index. */
    @FunctionalInterface
    public interface Factory {
        ValueWriter create(String table, String field, int fieldIndex);
    }

    protected final String table;
    protected final String field;
    protected final int fieldIndex;
    /** The JDBC column: the SELECT lists every column in table order, so it is the field index plus one. */
    protected final int column;

    protected ValueWriter(String table, String field, int fieldIndex) {
        this.table = table;
        this.field = field;
        this.fieldIndex = fieldIndex;
        this.column = fieldIndex + 1;
    }

    /** Writes this column of {@code row}'s current row to {@code out}, inside the record the caller has started. */
    public abstract void write(ResultSet row, RecordConsumer out) throws SQLException;

    protected final void writeInt32(RecordConsumer out, int value) {
        out.startField(field, fieldIndex);
        out.addInteger(value);
        out.endField(field, fieldIndex);
    }

    protected final void writeInt64(RecordConsumer out, long value) {
        out.startField(field, fieldIndex);
        out.addLong(value);
        out.endField(field, fieldIndex);
    }

    protected final void writeFloat(RecordConsumer out, float value) {
        out.startField(field, fieldIndex);
        out.addFloat(value);
        out.endField(field, fieldIndex);
    }

    protected final void writeDouble(RecordConsumer out, double value) {
        out.startField(field, fieldIndex);
        out.addDouble(value);
        out.endField(field, fieldIndex);
    }

    protected final void writeBoolean(RecordConsumer out, boolean value) {
        out.startField(field, fieldIndex);
        out.addBoolean(value);
        out.endField(field, fieldIndex);
    }

    protected final void writeBinary(RecordConsumer out, Binary value) {
        out.startField(field, fieldIndex);
        out.addBinary(value);
        out.endField(field, fieldIndex);
    }

    /** The failure for a value that cannot be stored exactly: the run stops rather than change the value. */
    protected final ReplicatorException unwritable(Object value, String why) {
        return new ReplicatorException(FailureKind.SOURCE,
                "Cannot copy table " + table + ": column " + field + " has value " + value + " that " + why);
    }

    /**
     * The failure for a value no {@code parquetType} can hold ({@link NonFiniteValues}), named as the
     * source writes it ({@code infinity}, {@code NaN}), with the override that copies it as text.
     * SOURCE, like a column of an unsupported type: it is the source's data the mapping cannot carry.
     */
    protected final ReplicatorException nonFinite(ResultSet row, Object value, String parquetType, String alsoAdvice)
            throws SQLException {
        String text = row.getString(column);
        return new ReplicatorException(FailureKind.SOURCE, "Cannot copy table " + table + ": column " + field + " has value "
                + (text == null ? value : text) + ", which no Parquet " + parquetType + " can hold; map it with --map-column " + field
                + "=STRING to copy the source's text" + alsoAdvice);
    }

    /**
     * {@link ResultSet#getBigDecimal}, with NaN and infinite numerics (which the driver cannot read as
     * a BigDecimal) failing with the column, the value and the override; other driver failures stand.
     */
    protected final BigDecimal readDecimal(ResultSet row, String parquetType) throws SQLException {
        try {
            return row.getBigDecimal(column);
        } catch (SQLException e) {
            String text;
            try {
                text = row.getString(column);
            } catch (SQLException asText) {
                e.addSuppressed(asText);
                throw e;
            }
            if (!NonFiniteValues.isNonFiniteNumber(text)) {
                throw e;
            }
            ReplicatorException failure = nonFinite(row, text, parquetType,
                    ", or --map-column " + field + "=DOUBLE, which keeps NaN and infinities but not every digit");
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
