package org.runreplicator.ledger.bigquery;

import com.google.api.client.http.HttpResponseException;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.JobException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which BigQuery failures are worth another attempt of an idempotent ledger statement: conflicts
 * with concurrent DML ("Could not serialize access to table ... due to concurrent update",
 * "Transaction is aborted due to concurrent update"), rate limits, 5xx and backend errors, and I/O
 * failures without an HTTP answer (timeouts, resets). Everything else (bad SQL, missing table, permission denied) fails at once.
 * {@code jobInternalError} is deliberately not retried: the emulator reports every statement it
 * cannot analyse that way, and real BigQuery's own retries already cover its transient cases.
 */
public final class BigQueryTransientErrors {
    static final Set<String> TRANSIENT_REASONS = Set.of("rateLimitExceeded", "jobRateLimitExceeded", "backendError",
            "internalError", "jobBackendError");
    private static final String CONCURRENT_UPDATE = "due to concurrent update";

    private BigQueryTransientErrors() {
    }

    /** Whether {@code failure}, or any of its causes, is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BigQueryException && isTransient((BigQueryException) t)) {
                return true;
            }
            if (t instanceof JobException && anyTransient(((JobException) t).getErrors())) {
                return true;
            }
            if (t instanceof HttpResponseException) {
                // An HTTP answer: the client wraps every error status in one; only these are worth retrying.
                int status = ((HttpResponseException) t).getStatusCode();
                if (status == 429 || status >= 500) {
                    return true;
                }
            } else if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A concurrent-update conflict, whatever the reason code it came with. */
    public static boolean isConcurrentUpdate(BigQueryError error) {
        return error != null && error.getMessage() != null
                && error.getMessage().toLowerCase(Locale.ROOT).contains(CONCURRENT_UPDATE);
    }

    private static boolean isTransient(BigQueryException e) {
        int code = e.getCode();
        if (code == 429 || (code >= 500 && code < 600)) {
            return true;
        }
        List<BigQueryError> errors = new ArrayList<>();
        if (e.getError() != null) {
            errors.add(e.getError());
        }
        if (e.getErrors() != null) {
            errors.addAll(e.getErrors());
        }
        if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(CONCURRENT_UPDATE)) {
            return true;
        }
        return anyTransient(errors);
    }

    private static boolean anyTransient(List<BigQueryError> errors) {
        if (errors == null) {
            return false;
        }
        for (BigQueryError error : errors) {
            if (isConcurrentUpdate(error) || (error != null && TRANSIENT_REASONS.contains(error.getReason()))) {
                return true;
            }
        }
        return false;
    }
}
