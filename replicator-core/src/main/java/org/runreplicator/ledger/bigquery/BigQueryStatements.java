package org.runreplicator.ledger.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerRetry;

/**
 * Runs the ledger's BigQuery calls in bounded time. The client retries some job errors on its own
 * for minutes, so each call gets a job timeout and client retry settings bounded by the call
 * timeout, and runs on a worker this class abandons (interrupting it) if it still has not answered
 * shortly after; {@link LedgerRetry} then repeats only what {@link BigQueryTransientErrors} calls
 * transient, until its deadline.
 */
final class BigQueryStatements implements AutoCloseable {
    // The client's own bounds come first; this margin only catches a call that ignores them.
    private static final Duration GUARD_MARGIN = Duration.ofSeconds(5);

    private final BigQuery client;
    private final LedgerRetry retry;
    private final Duration callTimeout;
    private final String ledger;
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bigquery-ledger");
        thread.setDaemon(true);
        return thread;
    });

    BigQueryStatements(BigQuery client, LedgerRetry retry, Duration callTimeout, String ledger) {
        this.client = client;
        this.retry = retry;
        this.callTimeout = callTimeout;
        this.ledger = ledger;
    }

    /** Runs one query job (a statement or a script) with the call timeout as its job timeout. */
    TableResult query(String what, QueryJobConfiguration query) {
        QueryJobConfiguration bounded = query.toBuilder().setJobTimeoutMs(callTimeout.toMillis()).build();
        return call(what, () -> client.query(bounded));
    }

    /** Runs {@code call} in bounded time, retrying transient failures; any failure becomes a {@link LedgerException}. */
    <T> T call(String what, Callable<T> call) {
        try {
            return retry.run(what, () -> bounded(what, call), BigQueryTransientErrors::isTransient);
        } catch (LedgerException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("Interrupted while trying to " + what + " in ledger " + ledger, e);
        } catch (Exception e) {
            throw new LedgerException("Cannot " + what + " in ledger " + ledger + ": " + describe(e), e);
        }
    }

    // The client gives up at its total timeout by interrupting its own wait; say what that means.
    private String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return "no answer within " + callTimeout.toMillis() + " ms";
            }
        }
        return describeError(e);
    }

    private <T> T bounded(String what, Callable<T> call) throws Exception {
        Future<T> future = workers.submit(call);
        long limit = callTimeout.plus(GUARD_MARGIN).toMillis();
        try {
            return future.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            // Not retried: the statement may still run, so its outcome is unknown; say so.
            throw new LedgerException("Cannot " + what + " in ledger " + ledger + ": no answer within " + limit
                    + " ms, so its outcome is unknown", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private static String describeError(Exception e) {
        if (e instanceof JobException && ((JobException) e).getErrors() != null) {
            StringBuilder text = new StringBuilder();
            for (BigQueryError error : ((JobException) e).getErrors()) {
                text.append(text.length() == 0 ? "" : "; ").append(error.getReason()).append(": ").append(error.getMessage());
            }
            return text.toString();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
