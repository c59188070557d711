package org.runreplicator.metastore;

import java.util.Map;

/** A partition as a reader through the metastore finds it: where its data is, and its parameters (statistics included). */
public final class RegisteredPartition {
    private final String location;
    private final Map<String, String> parameters;

    RegisteredPartition(String location, Map<String, String> parameters) {
        this.location = location;
        this.parameters = Map.copyOf(parameters);
    }

    public String location() {
        return location;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** The exact row count the run recorded, {@code numRows}; -1 if absent. */
    public long rows() {
        return Long.parseLong(parameters.getOrDefault(HiveParameters.NUM_ROWS, "-1"));
    }
}
