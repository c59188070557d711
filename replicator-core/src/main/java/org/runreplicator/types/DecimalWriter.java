package org.runreplicator.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * DECIMAL(p,s) from {@link ResultSet#getBigDecimal}, stored as INT32, INT64 or a fixed-length
 * two's-complement byte array depending on p. A value is brought to scale s only when that is
 * exact (1.5 becomes 1.50; 1.234 in a scale-2 column stops the run); it is never rounded.
 */
abstract class DecimalWriter extends ValueWriter {
    private final int precision;
    private final int scale;
    private final String typeName;

    DecimalWriter(String table, String field, int fieldIndex, int precision, int scale) {
        super(table, field, fieldIndex);
        this.precision = precision;
        this.scale = scale;
        this.typeName = "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public final void write(ResultSet row, RecordConsumer out) throws SQLException {
        BigDecimal value = readDecimal(row, typeName);
        if (value == null) {
            return;
        }
        BigDecimal scaled;
        try {
            scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw unwritable(value.toPlainString(), "has more than " + scale + " digits after the point for DECIMAL("
                    + precision + "," + scale + ") and would have to be rounded; map it with --map-column " + field
                    + "=DECIMAL(p,s) with a larger scale, or " + field + "=STRING");
        }
        if (scaled.precision() > precision) {
            throw unwritable(value.toPlainString(), "has more than " + (precision - scale) + " digits before the point for DECIMAL("
                    + precision + "," + scale + "); map it with --map-column " + field + "=DECIMAL(p,s) with a larger precision, or "
                    + field + "=STRING");
        }
        out.startField(field, fieldIndex);
        add(scaled.unscaledValue(), out);
        out.endField(field, fieldIndex);
    }

    /** Adds the unscaled value, already known to have at most {@code precision} digits. */
    abstract void add(BigInteger unscaled, RecordConsumer out);

    /** Precision 1 to 9. */
    static final class Int32 extends DecimalWriter {
        Int32(String table, String field, int fieldIndex, int precision, int scale) {
            super(table, field, fieldIndex, precision, scale);
        }

        @Override
        void add(BigInteger unscaled, RecordConsumer out) {
            out.addInteger(unscaled.intValue());
        }
    }

    /** Precision 10 to 18. */
    static final class Int64 extends DecimalWriter {
        Int64(String table, String field, int fieldIndex, int precision, int scale) {
            super(table, field, fieldIndex, precision, scale);
        }

        @Override
        void add(BigInteger unscaled, RecordConsumer out) {
            out.addLong(unscaled.longValue());
        }
    }

    /**
     * Precision 19 to 38: big-endian two's complement, sign-extended to the column's fixed length.
     * The buffer is reused; Parquet copies reused bytes wherever it keeps them (dictionary, statistics).
     */
    static final class FixedLength extends DecimalWriter {
        private final byte[] buffer;
        private final Binary reused;

        FixedLength(String table, String field, int fieldIndex, int precision, int scale, int length) {
            super(table, field, fieldIndex, precision, scale);
            this.buffer = new byte[length];
            this.reused = Binary.fromReusedByteArray(buffer);
        }

        @Override
        void add(BigInteger unscaled, RecordConsumer out) {
            byte[] minimal = unscaled.toByteArray();
            int pad = buffer.length - minimal.length;
            byte sign = unscaled.signum() < 0 ? (byte) -1 : 0;
            for (int i = 0; i < pad; i++) {
                buffer[i] = sign;
            }
            System.arraycopy(minimal, 0, buffer, pad, minimal.length);
            out.addBinary(reused);
        }
    }
}
