package org.runreplicator.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.runreplicator.RunIdentity;

/**
 * The ledger's key: one row per (dbName, tableName, td_timestamp, environment).
 *
 * <p>{@code td_timestamp} is never null. A run given {@code --td-timestamp} mirrors that on-prem
 * run and uses its instant; a run without one is not mirroring any on-prem run, so it is keyed by
 * its own start instant, which gives every such run a row of its own. A NULL key would not match
 * itself in SQL ({@code NULL = NULL} is not true), so every idempotent insert and compare-and-set
 * update would need {@code IS NULL} branches, and all ad-hoc runs of a table would fight over one
 * row. Instants are kept to the microsecond, the finest BigQuery TIMESTAMP (and PostgreSQL,
 * MySQL DATETIME(6)) stores, so a key read back equals the key written.
 */
public final class LedgerKey {
    private final String dbName;
    private final String tableName;
    private final Instant tdTimestamp;
    private final String environment;

    public LedgerKey(String dbName, String tableName, Instant tdTimestamp, String environment) {
        this.dbName = Objects.requireNonNull(dbName, "dbName");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.tdTimestamp = Objects.requireNonNull(tdTimestamp, "tdTimestamp").truncatedTo(ChronoUnit.MICROS);
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The row a run records itself in: its on-prem run's instant, else its own start (see the class comment). */
    public static LedgerKey of(RunIdentity run) {
        Instant td = run.tdTimestamp() != null ? run.tdTimestamp() : run.startedAt();
        return new LedgerKey(run.table().database(), run.table().table(), td, run.environment());
    }

    public String dbName() {
        return dbName;
    }

    public String tableName() {
        return tableName;
    }

    public Instant tdTimestamp() {
        return tdTimestamp;
    }

    public String environment() {
        return environment;
    }

    /** The same run as seen from another environment (the ONPREM row beside a GCP row). */
    public LedgerKey inEnvironment(String otherEnvironment) {
        return new LedgerKey(dbName, tableName, tdTimestamp, otherEnvironment);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LedgerKey)) {
            return false;
        }
        LedgerKey k = (LedgerKey) o;
        return dbName.equals(k.dbName) && tableName.equals(k.tableName) && tdTimestamp.equals(k.tdTimestamp)
                && environment.equals(k.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dbName, tableName, tdTimestamp, environment);
    }

    @Override
    public String toString() {
        return dbName + "." + tableName + " @ " + tdTimestamp + " (" + environment + ")";
    }
}
