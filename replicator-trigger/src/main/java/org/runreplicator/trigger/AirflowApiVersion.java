package org.runreplicator.trigger;

import java.util.Locale;

/**
 * The Airflow REST API a Composer environment serves: {@code v1} on Airflow 2 (Composer 2, and
 * Composer 3 with Airflow 2), {@code v2} on Airflow 3, whose create-run call requires a
 * {@code logical_date} (null for a triggered DAG; without the field it answers 422).
 */
public enum AirflowApiVersion {
    V1,
    V2;

    /** {@code /api/v1/dags/DAG/dagRuns} or {@code /api/v2/...}. */
    public String dagRunsPath(String dagId) {
        return "/api/" + name().toLowerCase(Locale.ROOT) + "/dags/" + dagId + "/dagRuns";
    }

    /** Whether the body must carry {@code "logical_date": null}. */
    public boolean needsLogicalDate() {
        return this == V2;
    }

    public static AirflowApiVersion parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        for (AirflowApiVersion version : values()) {
            if (version.name().equals(value)) {
                return version;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not v1 (Airflow 2) or v2 (Airflow 3)");
    }
}
