package org.runreplicator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/** Durations people type for {@code --wait-for-lock}: {@code 0}, {@code 90s}, {@code 10m}, {@code 2h}, or ISO-8601 {@code PT10M}. */
final class WaitDuration {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smh]?)");

    private WaitDuration() {
    }

    static Duration parse(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofSeconds(amount);
            }
        }
        try {
            Duration parsed = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ReplicatorException.usage("Invalid " + option + " '" + text + "': expected a duration such as 90s, 10m, 2h or PT10M");
    }
}
