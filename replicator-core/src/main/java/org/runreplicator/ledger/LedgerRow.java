package org.runreplicator.ledger;

import java.time.Instant;
import java.util.Objects;

/** One ledger row as stored: its key, status, when it last changed and the job that last wrote it. */
public final class LedgerRow {
    private final LedgerKey key;
    private final LedgerStatus status;
    private final Instant lastModifiedAt;
    private final String jobId;

    public LedgerRow(LedgerKey key, LedgerStatus status, Instant lastModifiedAt, String jobId) {
        this.key = Objects.requireNonNull(key, "key");
        this.status = Objects.requireNonNull(status, "status");
        this.lastModifiedAt = lastModifiedAt;
        this.jobId = jobId;
    }

    public LedgerKey key() {
        return key;
    }

    public LedgerStatus status() {
        return status;
    }

    /** May be null in a row written by hand. */
    public Instant lastModifiedAt() {
        return lastModifiedAt;
    }

    /** {@code dataproc_job_id}; null until a job has written the row (the trigger's PENDING row has none). */
    public String jobId() {
        return jobId;
    }

    @Override
    public String toString() {
        return key + " " + status + (jobId == null ? "" : " job " + jobId) + " at " + lastModifiedAt;
    }
}
