package org.runreplicator;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/** The partition a run replaces: {@code KEY=VALUE}, e.g. {@code ds=2024-05-01}. */
public final class PartitionSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    // Values become a path component and a Hive partition value: no separators, nothing Hive would
    // escape in a path (" # % ' * / : = ? \ { [ ] ^), nothing hidden.
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}");
    /** The date partition key: its value must be a real ISO date. */
    public static final String DATE_KEY = "ds";

    private final String key;
    private final String value;

    public PartitionSpec(String key, String value) {
        this.key = key;
        this.value = value;
    }

    /** Parses {@code KEY=VALUE}, failing with a usage error that says what is wrong. */
    public static PartitionSpec parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0) {
            throw ReplicatorException.usage("Invalid partition '" + text + "': expected KEY=VALUE, e.g. ds=2024-05-01");
        }
        String key = text.substring(0, eq);
        String value = text.substring(eq + 1);
        if (!KEY.matcher(key).matches()) {
            throw ReplicatorException.usage("Invalid partition key '" + key + "': expected letters, digits and _");
        }
        if (!VALUE.matcher(value).matches()) {
            throw ReplicatorException.usage("Invalid partition value '" + value + "' for key " + key
                    + ": expected letters, digits and _ . + - (no '/', ':', '=', spaces or leading '.' or '_')");
        }
        if (key.equals(DATE_KEY)) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ReplicatorException.usage("Invalid partition value '" + value + "' for key ds: expected a real date as"
                        + " YYYY-MM-DD, e.g. ds=2024-05-01");
            }
        }
        return new PartitionSpec(key, value);
    }

    /** The date a {@code ds} partition stands for, if this is one. */
    public Optional<LocalDate> date() {
        return key.equals(DATE_KEY) ? Optional.of(LocalDate.parse(value)) : Optional.empty();
    }

    /** {@code ds=} the UTC date of the on-prem run when known, else today in UTC. */
    public static PartitionSpec defaultFor(Instant tdTimestamp) {
        LocalDate date = tdTimestamp == null ? LocalDate.now(ZoneOffset.UTC) : tdTimestamp.atOffset(ZoneOffset.UTC).toLocalDate();
        return new PartitionSpec("ds", date.toString());
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    /** The directory name: {@code key=value}. */
    public String pathComponent() {
        return key + "=" + value;
    }

    @Override
    public String toString() {
        return pathComponent();
    }
}
