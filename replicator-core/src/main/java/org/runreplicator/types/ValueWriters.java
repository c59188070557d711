package org.runreplicator.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The value writers that are not decimals (see {@link DecimalWriter}): one tiny class per way of
 * reading a JDBC value and storing it in Parquet.
 */
final class ValueWriters {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int NANOS_PER_MICRO = 1_000;

    private ValueWriters() {
    }

    /** INT32 from {@link ResultSet#getInt}: TINYINT, SMALLINT, INTEGER. */
    static final class Int32Writer extends ValueWriter {
        Int32Writer(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            int value = row.getInt(column);
            if (row.wasNull()) {
                return;
            }
            writeInt32(out, value);
        }
    }

    /** INT64 from {@link ResultSet#getLong}: BIGINT, and integer columns mapped to BIGINT. */
    static final class Int64Writer extends ValueWriter {
        Int64Writer(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            long value = row.getLong(column);
            if (row.wasNull()) {
                return;
            }
            writeInt64(out, value);
        }
    }

    /**
     * INT64 from a decimal or floating-point column mapped to BIGINT: {@code getLong} would drop a
     * fraction silently, so the value is read exactly and must be a whole number in range.
     */
    static final class ExactInt64Writer extends ValueWriter {
        ExactInt64Writer(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            BigDecimal value = readDecimal(row, "BIGINT");
            if (value == null) {
                return;
            }
            long whole;
            try {
                whole = value.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            } catch (ArithmeticException e) {
                throw unwritable(value.toPlainString(), "is not a whole number within BIGINT");
            }
            writeInt64(out, whole);
        }
    }

    /** FLOAT from {@link ResultSet#getFloat}: 32-bit REAL. */
    static final class FloatWriter extends ValueWriter {
        FloatWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            float value = row.getFloat(column);
            if (row.wasNull()) {
                return;
            }
            writeFloat(out, value);
        }
    }

    /** DOUBLE from {@link ResultSet#getDouble}. */
    static final class DoubleWriter extends ValueWriter {
        DoubleWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            double value = row.getDouble(column);
            if (row.wasNull()) {
                return;
            }
            writeDouble(out, value);
        }
    }

    static final class BooleanWriter extends ValueWriter {
        BooleanWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            boolean value = row.getBoolean(column);
            if (row.wasNull()) {
                return;
            }
            writeBoolean(out, value);
        }
    }

    /** INT32 DATE (days since 1970-01-01) from a {@link LocalDate}: java.sql.Date would shift with the JVM zone. */
    static final class DateWriter extends ValueWriter {
        DateWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            LocalDate value = row.getObject(column, LocalDate.class);
            if (value == null) {
                return;
            }
            if (NonFiniteValues.isInfinite(value)) {
                throw nonFinite(row, value, "DATE", "");
            }
            long days = value.toEpochDay();
            if (days != (int) days) {
                throw unwritable(value, "is outside the dates Parquet can store");
            }
            writeInt32(out, (int) days);
        }
    }

    /** INT64 TIME(MICROS) from a {@link LocalTime}. */
    static final class TimeMicrosWriter extends ValueWriter {
        TimeMicrosWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            LocalTime value = row.getObject(column, LocalTime.class);
            if (value == null) {
                return;
            }
            long nanos = value.toNanoOfDay();
            if (nanos % NANOS_PER_MICRO != 0) {
                throw unwritable(value, "has digits below a microsecond, which Parquet TIME(MICROS) cannot keep; map it with --map-column " + field + "=STRING");
            }
            writeInt64(out, nanos / NANOS_PER_MICRO);
        }
    }

    /** INT64 TIMESTAMP(MICROS): stores seconds and nanoseconds as microseconds, refusing what would be lost. */
    abstract static class TimestampMicrosWriter extends ValueWriter {
        TimestampMicrosWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        final void writeMicros(long epochSecond, int nano, Object value, RecordConsumer out) {
            if (nano % NANOS_PER_MICRO != 0) {
                throw unwritable(value, "has digits below a microsecond, which Parquet TIMESTAMP(MICROS) cannot keep; map it with --map-column " + field + "=STRING");
            }
            long micros;
            try {
                micros = Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nano / NANOS_PER_MICRO);
            } catch (ArithmeticException e) {
                throw unwritable(value, "is outside the timestamps Parquet can store");
            }
            writeInt64(out, micros);
        }
    }

    /**
     * TIMESTAMP(MICROS, not adjusted to UTC) from a {@link LocalDateTime}. The wall-clock value is
     * counted as if it were UTC, so the JVM zone never enters (no DST gaps, no shifts).
     */
    static final class LocalTimestampMicrosWriter extends TimestampMicrosWriter {
        LocalTimestampMicrosWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            LocalDateTime value = row.getObject(column, LocalDateTime.class);
            if (value == null) {
                return;
            }
            if (NonFiniteValues.isInfinite(value)) {
                throw nonFinite(row, value, "TIMESTAMP", "");
            }
            writeMicros(value.toEpochSecond(ZoneOffset.UTC), value.getNano(), value, out);
        }
    }

    /** TIMESTAMP(MICROS, adjusted to UTC) from an {@link OffsetDateTime}: the instant is kept, the offset is not. */
    static final class InstantMicrosWriter extends TimestampMicrosWriter {
        InstantMicrosWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            if (value == null) {
                return;
            }
            if (NonFiniteValues.isInfinite(value)) {
                throw nonFinite(row, value, "TIMESTAMP", "");
            }
            writeMicros(value.toEpochSecond(), value.getNano(), value, out);
        }
    }

    /** UTF-8 STRING from {@link ResultSet#getString}: the source's exact text. */
    static final class StringWriter extends ValueWriter {
        StringWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            String value = row.getString(column);
            if (value == null) {
                return;
            }
            writeBinary(out, Binary.fromString(value));
        }
    }

    /** UTF-8 STRING from a fixed-length CHAR with its trailing pad spaces removed (the user asked for it). */
    static final class TrimmedStringWriter extends ValueWriter {
        TrimmedStringWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            String value = row.getString(column);
            if (value == null) {
                return;
            }
            int end = value.length();
            while (end > 0 && value.charAt(end - 1) == ' ') {
                end--;
            }
            writeBinary(out, Binary.fromString(end == value.length() ? value : value.substring(0, end)));
        }
    }

    /** BINARY from {@link ResultSet#getBytes}; the driver hands over a fresh array, so it is not copied again. */
    static final class BytesWriter extends ValueWriter {
        BytesWriter(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            byte[] value = row.getBytes(column);
            if (value == null) {
                return;
            }
            writeBinary(out, Binary.fromConstantByteArray(value));
        }
    }
}
