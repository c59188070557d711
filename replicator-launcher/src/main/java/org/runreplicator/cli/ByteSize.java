package org.runreplicator.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/** Sizes people type for {@code --target-file-size} and {@code --row-group-size}: {@code 1048576}, {@code 512k}, {@code 256m}, {@code 1g} (binary units). */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)b?");

    private ByteSize() {
    }

    static long parse(String text, String option) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw ReplicatorException.usage("Invalid " + option + " '" + text + "': expected a size such as 256m, 512k or 1g");
        }
        long unit = m.group(2).isEmpty() ? 1 : 1L << (10 * ("kmg".indexOf(m.group(2)) + 1));
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException e) {
            throw ReplicatorException.usage("Invalid " + option + " '" + text + "': too large");
        }
        if (bytes < 1) {
            throw ReplicatorException.usage("Invalid " + option + " '" + text + "': must be at least 1 byte");
        }
        return bytes;
    }

    /** As {@link #parse}, for settings Parquet holds in an int. */
    static int parseInt(String text, String option) {
        long bytes = parse(text, option);
        if (bytes > Integer.MAX_VALUE) {
            throw ReplicatorException.usage("Invalid " + option + " '" + text + "': must be below 2g");
        }
        return (int) bytes;
    }
}
