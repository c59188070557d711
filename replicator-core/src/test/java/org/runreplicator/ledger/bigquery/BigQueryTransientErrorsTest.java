package org.runreplicator.ledger.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.runreplicator.ledger.LedgerRetry;

/** The retry path of the BigQuery ledger, driven by the client's own exception types as BigQuery raises them. */
class BigQueryTransientErrorsTest {
    private static final LedgerRetry QUICK = new LedgerRetry(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10));

    /** As BigQuery reports a DML conflict: HTTP 400, reason invalidQuery. */
    private static BigQueryException concurrentUpdate() {
        BigQueryError error = new BigQueryError("invalidQuery", "query",
                "Could not serialize access to table my-project:ops.run_ledger due to concurrent update");
        return new BigQueryException(400, error.getMessage(), error);
    }

    private static BigQueryException withReason(int code, String reason, String message) {
        return new BigQueryException(code, message, new BigQueryError(reason, null, message));
    }

    @Test
    void concurrentUpdateConflictsRateLimitsServerErrorsAndIoFailuresAreTransient() {
        assertThat(BigQueryTransientErrors.isTransient(concurrentUpdate())).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(withReason(400, "invalidQuery",
                "Transaction is aborted due to concurrent update against table my-project:ops.run_ledger"))).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(withReason(403, "rateLimitExceeded", "Exceeded rate limits"))).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(withReason(403, "jobRateLimitExceeded", "too many DML jobs"))).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(withReason(503, "backendError", "Backend error"))).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(new BigQueryException(502, "Bad Gateway"))).isTrue();
        assertThat(BigQueryTransientErrors.isTransient(new BigQueryException(new SocketTimeoutException("Read timed out")))).isTrue();
        // As the client raises a query response that carries errors.
        assertThat(BigQueryTransientErrors.isTransient(new BigQueryException(List.of(concurrentUpdate().getError())))).isTrue();
    }

    @Test
    void badSqlMissingTablesDeniedAccessAndJobInternalErrorsAreNotRetried() {
        assertThat(BigQueryTransientErrors.isTransient(withReason(400, "invalidQuery", "Syntax error: Unexpected keyword"))).isFalse();
        assertThat(BigQueryTransientErrors.isTransient(withReason(404, "notFound", "Not found: Table my-project:ops.x"))).isFalse();
        assertThat(BigQueryTransientErrors.isTransient(withReason(403, "accessDenied", "Access Denied"))).isFalse();
        assertThat(BigQueryTransientErrors.isTransient(withReason(400, "jobInternalError",
                "MERGE: source must be a single-table reference"))).isFalse();
    }

    @Test
    void aConflictIsRetriedUntilTheStatementGoesThrough() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = QUICK.run("record", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw concurrentUpdate();
            }
            return "done";
        }, BigQueryTransientErrors::isTransient);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aPermanentErrorFailsAtOnce_andConflictsThatNeverEndFailAfterTheBoundedAttempts() {
        AtomicInteger permanent = new AtomicInteger();
        AtomicInteger endless = new AtomicInteger();

        assertThatThrownBy(() -> QUICK.run("record", () -> {
            permanent.incrementAndGet();
            throw withReason(404, "notFound", "Not found: Table my-project:ops.x");
        }, BigQueryTransientErrors::isTransient)).isInstanceOf(BigQueryException.class).hasMessageContaining("Not found");
        assertThatThrownBy(() -> QUICK.run("record", () -> {
            endless.incrementAndGet();
            throw concurrentUpdate();
        }, BigQueryTransientErrors::isTransient)).isInstanceOf(BigQueryException.class).hasMessageContaining("concurrent update");

        assertThat(permanent).hasValue(1);
        assertThat(endless).hasValue(QUICK.maxAttempts());
    }
}
