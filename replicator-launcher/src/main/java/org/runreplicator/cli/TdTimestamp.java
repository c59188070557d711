package org.runreplicator.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import org.runreplicator.ReplicatorException;

/**
 * Parses {@code --td-timestamp}: an ISO-8601 instant with an offset or {@code Z}
 * ({@code 2024-05-01T02:30:00Z}, {@code 2024-05-01T04:30:00+02:00}), or a local date-time
 * ({@code 2024-05-01T02:30:00}) taken as UTC, because the on-prem scheduler records UTC and
 * a run must never shift with the JVM's zone.
 */
final class TdTimestamp {
    private TdTimestamp() {
    }

    static Instant parse(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.trim(),
                    ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof LocalDateTime) {
                return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            }
            return Instant.from(parsed);
        } catch (DateTimeParseException e) {
            throw ReplicatorException.usage("Invalid --td-timestamp '" + text
                    + "': expected ISO-8601 such as 2024-05-01T02:30:00Z, 2024-05-01T04:30:00+02:00 or 2024-05-01T02:30:00 (UTC)");
        }
    }
}
