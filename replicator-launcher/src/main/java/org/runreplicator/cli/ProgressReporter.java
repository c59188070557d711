package org.runreplicator.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.runreplicator.run.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns core's progress callbacks into a line on stderr at a steady cadence, e.g.
 * {@code progress: 3/8 splits, 1,234,567 rows, 250,000 rows/s, ETA 12s}. Callbacks only bump
 * counters; a daemon thread does the printing, so a slow terminal never slows the copy.
 */
final class ProgressReporter implements ProgressListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final PrintStream err;
    private final SecretRedactor redactor;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService ticker;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger splitsDone = new AtomicInteger();
    private volatile int splits = -1;
    private volatile long estimatedRows = -1;
    private volatile long startNanos;

    ProgressReporter(PrintStream err, SecretRedactor redactor, LongSupplier nanoTime) {
        this.err = err;
        this.redactor = redactor;
        this.nanoTime = nanoTime;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replicator-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts printing every {@code interval}; lines begin once the plan is known. */
    ProgressReporter start(Duration interval) {
        long millis = interval.toMillis();
        ticker.scheduleAtFixedRate(this::print, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void planned(int splitCount, long estimated) {
        this.estimatedRows = estimated;
        this.startNanos = nanoTime.getAsLong();
        this.splits = splitCount;
    }

    @Override
    public void rowsWritten(long count) {
        rows.addAndGet(count);
    }

    @Override
    public void splitDone(int splitIndex, long splitRows) {
        splitsDone.incrementAndGet();
    }

    @Override
    public void splitRetry(int splitIndex, int attempt, String reason) {
        LOG.warn("Split {} attempt {} failed, retrying: {}", splitIndex, attempt, redactor.redact(reason));
    }

    /** The current progress line, or null before the plan is known. */
    String line() {
        int total = splits;
        if (total < 0) {
            return null;
        }
        long written = rows.get();
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        long rate = seconds > 0 ? Math.round(written / seconds) : 0;
        StringBuilder line = new StringBuilder("progress: ")
                .append(splitsDone.get()).append('/').append(total).append(" splits, ")
                .append(grouped(written)).append(" rows, ")
                .append(grouped(rate)).append(" rows/s");
        long estimated = estimatedRows;
        if (estimated > 0 && rate > 0) {
            line.append(", ETA ").append(Math.max(0, (estimated - written + rate - 1) / rate)).append('s');
        }
        return line.toString();
    }

    private void print() {
        String line = line();
        if (line != null) {
            err.println(line);
        }
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
