package org.runreplicator.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Source values with no finite equivalent, which no Parquet DATE, TIMESTAMP or DECIMAL can hold:
 * PostgreSQL's {@code 'infinity'} and {@code '-infinity'} dates and timestamps, which its driver
 * returns as java.time's MAX and MIN (no real date is either), and {@code 'NaN'} and infinite
 * numerics, whose text the driver cannot turn into a BigDecimal.
 */
final class NonFiniteValues {
    /** How PostgreSQL's numeric and H2's DECFLOAT write the numbers that are not finite. */
    private static final Set<String> NON_FINITE_NUMBERS = Set.of("NaN", "Infinity", "-Infinity");

    private NonFiniteValues() {
    }

    static boolean isInfinite(LocalDate value) {
        return value.equals(LocalDate.MAX) || value.equals(LocalDate.MIN);
    }

    static boolean isInfinite(LocalDateTime value) {
        return value.equals(LocalDateTime.MAX) || value.equals(LocalDateTime.MIN);
    }

    static boolean isInfinite(OffsetDateTime value) {
        return isInfinite(value.toLocalDateTime());
    }

    /** Whether {@code text}, a numeric value as the source writes it, is NaN or an infinity. */
    static boolean isNonFiniteNumber(String text) {
        return text != null && NON_FINITE_NUMBERS.contains(text.trim());
    }
}
