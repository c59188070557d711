package org.runreplicator.ledger;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a ledger backend retries a write or read that failed transiently: bounded attempts with
 * jittered exponential backoff, and a deadline after which no new attempt starts. Only idempotent
 * calls go through here (every ledger statement is), so a retry after a lost reply cannot double a row.
 * The defaults leave room for many jobs finishing at once: BigQuery aborts all but one of
 * concurrent transactions on a table, so twenty writers take turns through retries.
 */
public final class LedgerRetry {
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(3);
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRetry.class);

    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration deadline;

    public LedgerRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration deadline) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    public static LedgerRetry defaults() {
        return new LedgerRetry(DEFAULT_MAX_ATTEMPTS, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_DEADLINE);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** No new attempt starts after this much time; each backend also bounds a single attempt. */
    public Duration deadline() {
        return deadline;
    }

    // Drivers put whole statements in their messages; the first line says what went wrong.
    private static String firstLine(Throwable failure) {
        String message = failure == null || failure.getMessage() == null ? String.valueOf(failure) : failure.getMessage();
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /**
     * Runs {@code call}, retrying what {@code isTransient} accepts; returns its result or throws
     * the last failure as it was thrown.
     */
    public <T> T run(String what, Callable<T> call, Predicate<Throwable> isTransient) throws Exception {
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(isTransient::test)
                .withMaxAttempts(maxAttempts)
                .withBackoff(firstBackoff, maxBackoff.compareTo(firstBackoff) > 0 ? maxBackoff : firstBackoff.multipliedBy(2))
                .withJitter(0.25)
                .withMaxDuration(deadline)
                .onRetry(e -> LOG.info("Ledger {}: attempt {} failed transiently, retrying: {}", what, e.getAttemptCount(),
                        firstLine(e.getLastException())))
                .build();
        try {
            return Failsafe.with(policy).get(call::call);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }
}
