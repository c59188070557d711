package org.runreplicator.metastore;

import java.util.Locale;
import org.runreplicator.ReplicatorException;

/** What a run does when the source's columns differ from the existing Hive table's ({@code --schema-change}). */
public enum SchemaChangePolicy {
    /** Refuse any difference: one line naming every differing column, exit 2, nothing written. */
    FAIL,
    /** Append new columns and apply safe widenings; dropped, reordered or narrowed columns still fail. */
    EVOLVE;

    public static final SchemaChangePolicy DEFAULT = FAIL;

    /** Parses {@code fail} or {@code evolve}. */
    public static SchemaChangePolicy parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "fail":
                return FAIL;
            case "evolve":
                return EVOLVE;
            default:
                throw ReplicatorException.usage("Invalid --schema-change '" + text + "': expected fail or evolve");
        }
    }

    /** The option's spelling. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
