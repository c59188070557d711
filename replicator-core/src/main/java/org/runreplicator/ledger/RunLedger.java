package org.runreplicator.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The run ledger: one table with exactly the columns {@code dbName STRING, tableName STRING,
 * td_timestamp TIMESTAMP, last_modified_at TIMESTAMP, environment STRING, status STRING,
 * dataproc_job_id STRING} and one row per {@link LedgerKey} (dbName, tableName, td_timestamp,
 * environment). Backends: BigQuery, a JDBC database (Cloud SQL for PostgreSQL or MySQL) and an
 * embedded file database. The job records its own run through {@link LedgerRecorder}; the trigger
 * function and the DAG record theirs (ONPREM SUCCEEDED, GCP PENDING, the final GCP status) through
 * {@link #record} too.
 *
 * <p>The contract every backend keeps (and {@code RunLedgerContract} checks against each):
 * <ul>
 *   <li>{@link #record} creates the key's row when it is missing, else moves it to the new status
 *       only if {@link LedgerStatus#replaces} allows (never backwards), in one atomic step: two
 *       writers racing on one key leave one row, and the higher status wins whatever the order.</li>
 *   <li>Every write is idempotent: repeating it (a retry after a lost reply, a redelivered event)
 *       leaves the same row; only {@code last_modified_at} moves forward. A write that applies sets
 *       {@code last_modified_at} to the ledger's clock and {@code dataproc_job_id} to the job id when
 *       one is given (a null job id keeps the stored one). A write that does not apply changes
 *       nothing and is not an error.</li>
 *   <li>Transient failures (lock conflicts such as BigQuery's "could not serialize access ... due to
 *       concurrent update", rate limits, 5xx, dropped connections) are retried with bounded backoff;
 *       every call ends within a bounded time, successfully or with a {@link LedgerException}.</li>
 *   <li>Nothing here prints or throws a secret: messages name the ledger by {@link #describe()}.</li>
 *   <li>Implementations are safe for concurrent use by many threads.</li>
 * </ul>
 */
public interface RunLedger extends AutoCloseable {

    /** Where the ledger is, for messages: never carries a password. */
    String describe();

    /**
     * Checks the ledger answers and its table has the ledger's columns (extra columns are allowed);
     * creates the table when it is missing and {@code createIfMissing}. Idempotent.
     *
     * @throws LedgerException unreachable, table missing (and not to be created), or wrong shape
     */
    void prepare(boolean createIfMissing);

    /**
     * Records that {@code key}'s run is now {@code status}, unless its row already holds a higher
     * status, and returns the row as it stands afterwards (whose status tells whether this write
     * applied).
     *
     * @param jobId the {@code dataproc_job_id} to store; null keeps the stored one
     * @throws LedgerException the write failed after bounded retries, or its outcome is unknown
     */
    LedgerRow record(LedgerKey key, LedgerStatus status, String jobId);

    /** The key's row, if there is one. */
    Optional<LedgerRow> find(LedgerKey key);

    /**
     * The rows of one table, every environment, newest {@code td_timestamp} first and, within one,
     * by environment.
     *
     * @param tdTimestamp only that run's rows, or null for all
     */
    List<LedgerRow> rows(String dbName, String tableName, Instant tdTimestamp);

    /** Releases clients and connections; never throws. */
    @Override
    void close();
}
