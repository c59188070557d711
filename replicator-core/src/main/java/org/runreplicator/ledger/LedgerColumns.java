package org.runreplicator.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ledger table's columns, in order, with their BigQuery types: the one list every backend creates and checks. */
public final class LedgerColumns {
    public static final String DB_NAME = "dbName";
    public static final String TABLE_NAME = "tableName";
    public static final String TD_TIMESTAMP = "td_timestamp";
    public static final String LAST_MODIFIED_AT = "last_modified_at";
    public static final String ENVIRONMENT = "environment";
    public static final String STATUS = "status";
    public static final String DATAPROC_JOB_ID = "dataproc_job_id";

    /** Column name to BigQuery type ({@code STRING} or {@code TIMESTAMP}), in the table's order. */
    public static final Map<String, String> TYPES = types();

    private LedgerColumns() {
    }

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(DB_NAME, "STRING");
        types.put(TABLE_NAME, "STRING");
        types.put(TD_TIMESTAMP, "TIMESTAMP");
        types.put(LAST_MODIFIED_AT, "TIMESTAMP");
        types.put(ENVIRONMENT, "STRING");
        types.put(STATUS, "STRING");
        types.put(DATAPROC_JOB_ID, "STRING");
        return Collections.unmodifiableMap(types);
    }

    /** {@code dbName, tableName, ...} for SQL. */
    public static String list() {
        return String.join(", ", TYPES.keySet());
    }
}
