package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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
        assertThat(reporter.line()).isEqualTo("progress: 3/8 splits, 1,234,567 rows, 246,913 rows/s, ETA 4s");
    }

    @Test
    void lineLeavesOutTheEta_whenTheEstimateIsUnknown() {
        reporter.planned(4, -1);
        reporter.rowsWritten(500);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

        assertThat(reporter.line()).isEqualTo("progress: 0/4 splits, 500 rows, 250 rows/s");
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
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("progress: 0/2 splits, 10 rows, ");
        assertThat(lines()).isGreaterThanOrEqualTo(3);
    }

    private long lines() {
        return err.toString(StandardCharsets.UTF_8).lines().count();
    }
}
