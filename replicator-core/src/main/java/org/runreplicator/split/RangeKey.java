package org.runreplicator.split;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.runreplicator.source.SourceColumn;

/**
 * The kinds of column a range split can cut, how their values are read from a sample and how a
 * boundary value is written back as a SQL literal. Literals come from values the database
 * returned, rendered from Java types (never from user text): numbers as digits, dates and
 * timestamps as typed literals ({@code DATE '...'}, {@code TIMESTAMP '...'}) that Teradata,
 * PostgreSQL and H2 all accept.
 */
enum RangeKey {
    EXACT_NUMBER, APPROXIMATE_NUMBER, DATE, TIMESTAMP;

    // Teradata numeric literals have at most 38 digits; beyond that the value is written in exponent form.
    private static final int MAX_PLAIN_DIGITS = 38;
    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** The kind of {@code column}, or empty if it cannot be range-split (text, binary, time zones...). */
    static Optional<RangeKey> of(SourceColumn column) {
        switch (column.jdbcType()) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.DECIMAL:
            case Types.NUMERIC:
                return Optional.of(EXACT_NUMBER);
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Optional.of(APPROXIMATE_NUMBER);
            case Types.DATE:
                return Optional.of(DATE);
            case Types.TIMESTAMP:
                // PostgreSQL reports timestamptz as TIMESTAMP: its literal would depend on the session's zone.
                String type = column.typeName().toUpperCase(Locale.ROOT);
                return type.contains("TZ") || type.contains("TIME ZONE") ? Optional.empty() : Optional.of(TIMESTAMP);
            default:
                return Optional.empty();
        }
    }

    /**
     * The value of column 1, or null when it is NULL or cannot be a boundary (NaN and infinities,
     * dates outside years 1..9999). Such rows are still covered: only boundaries come from here.
     */
    Comparable<?> read(ResultSet rs) throws SQLException {
        switch (this) {
            case EXACT_NUMBER:
                return rs.getBigDecimal(1);
            case APPROXIMATE_NUMBER:
                double d = rs.getDouble(1);
                return rs.wasNull() || Double.isNaN(d) || Double.isInfinite(d) ? null : BigDecimal.valueOf(d);
            case DATE:
                LocalDate date = rs.getObject(1, LocalDate.class);
                return date == null || !inLiteralRange(date.getYear()) ? null : date;
            default:
                LocalDateTime ts = rs.getObject(1, LocalDateTime.class);
                // Teradata literals take at most six fractional digits; a truncated boundary is still a boundary.
                return ts == null || !inLiteralRange(ts.getYear()) ? null : ts.truncatedTo(ChronoUnit.MICROS);
        }
    }

    private static boolean inLiteralRange(int year) {
        return year >= 1 && year <= 9999;
    }

    /** {@code value} (from {@link #read}) as a SQL literal. */
    String literal(Object value) {
        switch (this) {
            case EXACT_NUMBER:
            case APPROXIMATE_NUMBER:
                BigDecimal number = (BigDecimal) value;
                String plain = number.toPlainString();
                return plain.replace("-", "").replace(".", "").length() <= MAX_PLAIN_DIGITS ? plain : number.toString();
            case DATE:
                return "DATE '" + value + "'";
            default:
                return "TIMESTAMP '" + TIMESTAMP_TEXT.format((LocalDateTime) value) + "'";
        }
    }
}
