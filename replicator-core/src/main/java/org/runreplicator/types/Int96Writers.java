package org.runreplicator.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * INT96 timestamps ({@link ParquetFlavor#HIVE3}), the only timestamps Hive 3.1 reads: nanoseconds of
 * the day then the Julian day, both little-endian, holding the UTC wall clock. A wall-clock source
 * value is stored as if it were UTC and an instant as its UTC time, so with the footer's
 * {@code writer.time.zone=UTC} no reader's zone ever enters.
 */
final class Int96Writers {
    /** The Julian day number of 1970-01-01. */
    static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int NANOS_PER_MICRO = 1_000;

    private Int96Writers() {
    }

    /** The 12 bytes for {@code epochSecond} (UTC) and {@code nano}. */
    static byte[] encode(long epochSecond, int nano) {
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        long nanosOfDay = Math.floorMod(epochSecond, SECONDS_PER_DAY) * NANOS_PER_SECOND + nano;
        ByteBuffer buffer = ByteBuffer.allocate(StandardColumnMappings.INT96_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(nanosOfDay);
        buffer.putInt(Math.toIntExact(day + JULIAN_EPOCH_DAY));
        return buffer.array();
    }

    abstract static class Int96Writer extends ValueWriter {
        Int96Writer(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        /** Microsecond precision, as in the other flavour: finer digits stop the run rather than differ between flavours. */
        final void write(long epochSecond, int nano, Object value, RecordConsumer out) {
            if (nano % NANOS_PER_MICRO != 0) {
                throw unwritable(value, "has digits below a microsecond, which the copy does not keep; map it with --map-column "
                        + field + "=STRING");
            }
            if (epochSecond / SECONDS_PER_DAY + JULIAN_EPOCH_DAY < 0) {
                throw unwritable(value, "is before the Julian calendar's day 0, which INT96 cannot store");
            }
            writeBinary(out, Binary.fromConstantByteArray(encode(epochSecond, nano)));
        }
    }

    /** A wall-clock timestamp from a {@link LocalDateTime}, counted as UTC. */
    static final class LocalTimestamp extends Int96Writer {
        LocalTimestamp(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            LocalDateTime value = row.getObject(column, LocalDateTime.class);
            if (value == null) {
                return;
            }
            if (NonFiniteValues.isInfinite(value)) {
                throw nonFinite(row, value, "INT96 timestamp", "");
            }
            write(value.toEpochSecond(ZoneOffset.UTC), value.getNano(), value, out);
        }
    }

    /** An instant from an {@link OffsetDateTime}, stored as its UTC wall clock (the offset itself is not kept). */
    static final class Instant extends Int96Writer {
        Instant(String table, String field, int fieldIndex) {
            super(table, field, fieldIndex);
        }

        @Override
        public void write(ResultSet row, RecordConsumer out) throws SQLException {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            if (value == null) {
                return;
            }
            if (NonFiniteValues.isInfinite(value)) {
                throw nonFinite(row, value, "INT96 timestamp", "");
            }
            write(value.toEpochSecond(), value.getNano(), value, out);
        }
    }
}
