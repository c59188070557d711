package org.runreplicator.source;

import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/**
 * Names that users give us (database, table, split column) are checked here before any SQL is
 * built: Teradata identifier rules, letters, digits, {@code _ $ #}, at most 128 characters, not
 * starting with a digit. Names read back from the database's metadata are not checked: they are
 * quoted by {@link SourceDialect#quote}.
 */
public final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[\\p{L}_$#][\\p{L}\\p{Nd}_$#]{0,127}");

    private Identifiers() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name}, or fails with a usage error naming what it is and why it was refused. */
    public static String requireValid(String name, String what) {
        if (!isValid(name)) {
            throw ReplicatorException.usage("Invalid " + what + " name " + describe(name)
                    + ": expected letters, digits, _ $ # (at most 128, not starting with a digit)");
        }
        return name;
    }

    private static String describe(String name) {
        if (name == null) {
            return "(none)";
        }
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
