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
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.run.RunListener;
import org.runreplicator.run.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns core's progress callbacks into a line on stderr at a steady cadence, e.g.
 * {@code progress: 3/8 splits, 1,234,567 of ~2,000,000 rows (62%), 250,000 rows/s, ETA 4s}, and,
 * once the run committed, one last line with the real totals. Callbacks only bump counters; a
 * daemon thread does the printing, so a slow terminal never slows the copy. The row estimate comes
 * from planning: when the rows outrun it, or every split is done, no ETA is shown rather than a
 * wrong one.
 */
final class ProgressReporter implements ProgressListener, RunListener, AutoCloseable {
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
        int done = splitsDone.get();
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        long rate = seconds > 0 ? Math.round(written / seconds) : 0;
        long estimated = estimatedRows;
        StringBuilder line = new StringBuilder("progress: ").append(done).append('/').append(total).append(" splits, ")
                .append(grouped(written));
        boolean estimateHolds = estimated > 0 && written <= estimated;
        if (estimateHolds) {
            line.append(" of ~").append(grouped(estimated)).append(" rows (").append(written * 100 / estimated).append("%)");
        } else {
            line.append(" rows (").append(total == 0 ? 100 : done * 100 / total).append("% of splits)");
        }
        line.append(", ").append(grouped(rate)).append(" rows/s");
        if (done == total) {
            line.append(", committing");
        } else if (estimateHolds && rate > 0) {
            line.append(", ETA ").append((estimated - written + rate - 1) / rate).append('s');
        }
        return line.toString();
    }

    /** The run committed: stop the periodic lines and print the real totals once. */
    @Override
    public void committed(RunIdentity run, RunSummary summary) {
        ticker.shutdownNow();
        err.println("progress: done, " + summary.splitRows.size() + "/" + summary.splitRows.size() + " splits, "
                + grouped(summary.rows) + " rows in " + String.format(Locale.ROOT, "%.1f", summary.seconds) + " s, "
                + grouped(summary.rowsPerSecond) + " rows/s");
    }

    @Override
    public void failed(RunIdentity run, ReplicatorException failure) {
        ticker.shutdownNow();
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
