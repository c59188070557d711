package org.runreplicator.engine;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.split.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Engine} of one machine: splits run on a bounded pool of threads, one source
 * connection each, and the password stays in this process's memory. A transient failure retries
 * that split with backoff after its partial output is deleted; the first permanent failure
 * cancels the rest and fails the run. The winner of a split is its one attempt that returned.
 */
public final class LocalEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(2);
    private static final int BACKOFF_GROWTH_LIMIT = 16;

    private final int maxConnections;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Configuration conf;
    private volatile SplitRunner active;
    private volatile ExecutorService activePool;
    private volatile boolean cancelled;
    private volatile int sessions = Integer.MAX_VALUE;

    /** @param conf the Hadoop configuration attempts write with */
    public LocalEngine(int maxConnections, int maxAttempts, Duration firstBackoff, Configuration conf) {
        this.maxConnections = maxConnections;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.conf = conf;
    }

    /** An engine for {@link #run(List, SplitRunner, ProgressListener)} alone (its tests). */
    LocalEngine(int maxConnections, int maxAttempts, Duration firstBackoff) {
        this(maxConnections, maxAttempts, firstBackoff, new Configuration());
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<SplitResult> run(List<SplitTask> tasks, Secret password, int sessions, ProgressListener progress) throws Exception {
        this.sessions = Math.max(1, sessions);
        List<Split> splits = new ArrayList<>();
        for (SplitTask task : tasks) {
            splits.add(task.split());
        }
        int writers = Math.max(1, Math.min(concurrency(), tasks.size()));
        return run(splits, new TaskRunner(tasks, password, writers, progress), progress);
    }

    /** Runs every split to success, or throws the first permanent failure after stopping the others. */
    List<SplitResult> run(List<Split> splits, SplitRunner runner, ProgressListener progress) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency(), Math.max(1, splits.size())), r -> {
            Thread t = new Thread(r, "split-reader-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        active = runner;
        activePool = pool;
        if (cancelled) {
            pool.shutdownNow();
            throw new InterruptedException("The run was stopped before its splits started");
        }
        CompletionService<SplitResult> done = new ExecutorCompletionService<>(pool);
        List<Future<SplitResult>> futures = new ArrayList<>();
        for (Split split : splits) {
            futures.add(done.submit(() -> runWithRetries(split, runner, progress)));
        }
        List<SplitResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < splits.size(); i++) {
                try {
                    SplitResult result = next(done).get();
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

    private int concurrency() {
        return Math.min(maxConnections, sessions);
    }

    /** The next finished split; once cancelled, splits that never started never finish, so stop waiting. */
    private Future<SplitResult> next(CompletionService<SplitResult> done) throws InterruptedException {
        Future<SplitResult> next;
        while ((next = done.poll(200, TimeUnit.MILLISECONDS)) == null) {
            if (cancelled) {
                throw new InterruptedException("The run was stopped");
            }
        }
        return next;
    }

    @Override
    public void cancel() {
        cancelled = true;
        SplitRunner runner = active;
        ExecutorService pool = activePool;
        if (runner != null) {
            runner.cancelAll();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private SplitResult runWithRetries(Split split, SplitRunner runner, ProgressListener progress) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(e -> !cancelled && runner.isTransient(e))
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

    /** Runs each split's attempts as {@link SplitAttempt}s in this process. */
    private final class TaskRunner implements SplitRunner {
        private final Map<Integer, SplitTask> byIndex = new ConcurrentHashMap<>();
        private final Map<String, SplitAttempt> running = new ConcurrentHashMap<>();
        private final Secret password;
        private final int writers;
        private final ProgressListener progress;
        private final SourceDialect dialect;

        TaskRunner(List<SplitTask> tasks, Secret password, int writers, ProgressListener progress) {
            tasks.forEach(task -> byIndex.put(task.split().index(), task));
            this.dialect = tasks.isEmpty() ? null : tasks.get(0).dialect();
            this.password = password;
            this.writers = writers;
            this.progress = progress;
        }

        @Override
        public List<WrittenFile> copy(Split split, int attempt) throws Exception {
            SplitTask task = byIndex.get(split.index());
            SplitAttempt copier = new SplitAttempt(task, conf, task.hasPassword() ? password : null, writers, progress);
            String key = split.index() + "/" + attempt;
            running.put(key, copier);
            try {
                // The manifest the attempt wrote last, as it wrote it.
                return copier.run(attempt).files;
            } finally {
                running.remove(key);
            }
        }

        @Override
        public void discard(Split split, int attempt) {
            Path attemptDir = byIndex.get(split.index()).attemptDir(attempt);
            try {
                attemptDir.getFileSystem(conf).delete(attemptDir, true);
            } catch (IOException e) {
                LOG.warn("Cannot delete the output of split {} attempt {}: {}; the run's clean-up removes it", split.index(),
                        attempt, e.getMessage());
            }
        }

        @Override
        public void cancelAll() {
            running.values().forEach(SplitAttempt::cancel);
        }

        @Override
        public boolean isTransient(Throwable failure) {
            return dialect != null && SplitAttempt.isTransient(failure, dialect);
        }

    }
}
