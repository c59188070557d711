package org.runreplicator;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.runreplicator.source.TableRef;

/**
 * Who a run is: its own id (unique per execution), the job id it records (a Dataproc job may
 * retry a run under one job id), the table and partition it replaces, the on-prem run it mirrors
 * and the ledger environment it reports as. Fixed when the run starts.
 */
public final class RunIdentity implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final String jobId;
    private final TableRef table;
    private final PartitionSpec partition;
    private final Instant tdTimestamp;
    private final String environment;
    private final Instant startedAt;

    public RunIdentity(String runId, String jobId, TableRef table, PartitionSpec partition, Instant tdTimestamp,
            String environment, Instant startedAt) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.table = Objects.requireNonNull(table, "table");
        this.partition = Objects.requireNonNull(partition, "partition");
        this.tdTimestamp = tdTimestamp;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A run id for a new run of job {@code jobId}: the job id made path-safe plus 8 random hex digits. */
    public static String newRunId(String jobId) {
        return jobId.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Unique per execution; names the run's staging directory, its lease and its committed version. */
    public String runId() {
        return runId;
    }

    public String jobId() {
        return jobId;
    }

    public TableRef table() {
        return table;
    }

    public PartitionSpec partition() {
        return partition;
    }

    /** The on-prem run this one mirrors; may be null. */
    public Instant tdTimestamp() {
        return tdTimestamp;
    }

    /** The ledger environment, e.g. {@code GCP}. */
    public String environment() {
        return environment;
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public String toString() {
        return "run " + runId + " (job " + jobId + ") of " + table + " " + partition;
    }
}
