package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runreplicator.PartitionSpec;
import org.runreplicator.RunIdentity;
import org.runreplicator.run.RunSummary;
import org.runreplicator.source.TableRef;

class ProgressReporterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ProgressReporter reporter =
            new ProgressReporter(new PrintStream(err, true, StandardCharsets.UTF_8), new SecretRedactor(), nanos::get);

    @Test
    void lineShowsSplitsRowsRateAndEta_fromThePlansEstimate() {
        reporter.planned(8, 2_000_000);
        reporter.rowsWritten(1_000_000);
        reporter.rowsWritten(234_567);
        reporter.splitDone(0, 400_000);
        reporter.splitDone(3, 400_000);
        reporter.splitDone(5, 434_567);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));

        // 1,234,567 rows in 5 s is 246,913 rows/s; 765,433 rows remain, 3.1 s rounded up.
        assertThat(reporter.line()).isEqualTo("progress: 3/8 splits, 1,234,567 of ~2,000,000 rows (61%), 246,913 rows/s, ETA 4s");
    }

    @Test
    void lineLeavesOutTheEta_whenTheEstimateIsUnknown() {
        reporter.planned(4, -1);
        reporter.rowsWritten(500);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

        assertThat(reporter.line()).isEqualTo("progress: 0/4 splits, 500 rows (0% of splits), 250 rows/s");
    }

    @Test
    void rowsBeyondTheEstimate_showNoEtaRatherThanAStaleOne() {
        reporter.planned(4, 1_000);
        reporter.rowsWritten(1_500);
        reporter.splitDone(0, 1_500);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));

        assertThat(reporter.line()).isEqualTo("progress: 1/4 splits, 1,500 rows (25% of splits), 1,500 rows/s");
    }

    @Test
    void whenEverySplitIsDone_theLineSaysCommitting_andTheCommitPrintsTheRealTotalsOnce() {
        reporter.planned(2, 100);
        reporter.rowsWritten(100);
        reporter.splitDone(0, 60);
        reporter.splitDone(1, 40);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(reporter.line()).isEqualTo("progress: 2/2 splits, 100 of ~100 rows (100%), 100 rows/s, committing");

        RunIdentity run = new RunIdentity("r-1", "j-1", new TableRef("s", "t"), PartitionSpec.parse("ds=2024-05-01"), null,
                "GCP", java.time.Instant.EPOCH);
        reporter.committed(run, new RunSummary(run, "SUCCEEDED", 100, 1, 2048, "file:/x", "range", List.of(60L, 40L), 2, 2.0,
                0.1, null));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("progress: done, 2/2 splits, 100 rows in 2.0 s, 50 rows/s\n");
    }

    @Test
    void nothingIsReported_beforeThePlanIsKnown() {
        assertThat(reporter.line()).isNull();
    }

    @Test
    void linesArePrintedToStderrAtTheGivenCadence() throws InterruptedException {
        ProgressReporter live = new ProgressReporter(new PrintStream(err, true, StandardCharsets.UTF_8), new SecretRedactor(), System::nanoTime);
        live.planned(2, 100);
        live.rowsWritten(10);
        live.start(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lines() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            live.close();
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("progress: 0/2 splits, 10 of ~100 rows (10%), ");
        assertThat(lines()).isGreaterThanOrEqualTo(3);
    }

    private long lines() {
        return err.toString(StandardCharsets.UTF_8).lines().count();
    }
}
