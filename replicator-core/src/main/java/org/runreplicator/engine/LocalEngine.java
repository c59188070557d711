package org.runreplicator.engine;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.runreplicator.ReplicatorException;
import org.runreplicator.run.ProgressListener;
import org.runreplicator.split.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs splits on a bounded pool of threads, one source connection each. A transient failure
 * retries that split with backoff after its partial output is discarded; the first permanent
 * failure cancels the rest and fails the run.
 */
public final class LocalEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(2);
    private static final int BACKOFF_GROWTH_LIMIT = 16;

    private final int maxConnections;
    private final int maxAttempts;
    private final Duration firstBackoff;

    public LocalEngine(int maxConnections, int maxAttempts, Duration firstBackoff) {
        this.maxConnections = maxConnections;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** Runs every split to success, or throws the first permanent failure after stopping the others. */
    public List<SplitResult> run(List<Split> splits, SplitRunner runner, ProgressListener progress) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConnections, Math.max(1, splits.size())), r -> {
            Thread t = new Thread(r, "split-reader-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<SplitResult> done = new ExecutorCompletionService<>(pool);
        List<Future<SplitResult>> futures = new ArrayList<>();
        for (Split split : splits) {
            futures.add(done.submit(() -> runWithRetries(split, runner, progress)));
        }
        List<SplitResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < splits.size(); i++) {
                try {
                    SplitResult result = done.take().get();
                    progress.splitDone(result.splitIndex(), result.rows());
                    results.add(result);
                } catch (ExecutionException e) {
                    runner.cancelAll();
                    futures.forEach(f -> f.cancel(true));
                    throw unwrap(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            // Let cancelled attempts finish their clean-up before the caller removes the staging area.
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("Split readers still running after the run ended");
            }
        }
        results.sort(Comparator.comparingInt(SplitResult::splitIndex));
        return results;
    }

    private SplitResult runWithRetries(Split split, SplitRunner runner, ProgressListener progress) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(runner::isTransient)
                .withMaxAttempts(maxAttempts)
                .withBackoff(firstBackoff, firstBackoff.multipliedBy(BACKOFF_GROWTH_LIMIT))
                // The progress listener reports the retry: it knows which secrets to blank out of the reason.
                .onRetry(e -> progress.splitRetry(split.index(), e.getAttemptCount(), String.valueOf(e.getLastException())))
                .build();
        try {
            return Failsafe.with(retry).get(context -> {
                int attempt = attempts.incrementAndGet();
                try {
                    return new SplitResult(split.index(), runner.copy(split, attempt), attempt);
                } catch (Exception | Error e) {
                    runner.discard(split, attempt);
                    throw e;
                }
            });
        } catch (FailsafeException e) {
            throw unwrap(e.getCause());
        }
    }

    private static Exception unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof FailsafeException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Exception) {
            return (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new ReplicatorException(org.runreplicator.FailureKind.INTERNAL, String.valueOf(t), t);
    }
}
