package org.runreplicator.split;

import java.util.Locale;
import org.runreplicator.ReplicatorException;

/** How a table is cut into splits (see {@code --split-method}). */
public enum SplitMethod {
    AUTO, HASH, RANGE, PARTITION, NONE;

    public static SplitMethod parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Invalid split method '" + text + "': expected auto, hash, range, partition or none");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
