package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotFramesTest {
    private static final int ENOUGH_SAMPLES = 30;
    private static final String SPIN = HotFramesTest.class.getName() + ".spin";
    private static volatile long sink;

    @Test
    void aMethodThatBurnsTheCpuIsTheTopFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        String summary;
        // JFR samples a thread only while it runs, so on a busy machine samples come slowly: a
        // thread burns the CPU until enough of them are in, rather than for a fixed time, while
        // this one mostly sleeps (and so is rarely sampled itself).
        AtomicBoolean burning = new AtomicBoolean(true);
        Thread burner = new Thread(() -> {
            while (burning.get()) {
                spin(System.nanoTime() + 50_000_000L);
            }
        }, "burner");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            burner.start();
            do {
                Thread.sleep(1_000);
                recording.dump(file);
                summary = HotFrames.summarize(file);
            } while (spinSamples(summary) < ENOUGH_SAMPLES && System.nanoTime() < deadline);
            burning.set(false);
            burner.join();
        }

        assertThat(summary).contains("| Top frames (own time) |");
        assertThat(spinSamples(summary)).isGreaterThanOrEqualTo(ENOUGH_SAMPLES);
        String firstRow = summary.lines().filter(l -> l.startsWith("| `")).findFirst().orElseThrow();
        assertThat(firstRow).contains(SPIN);
    }

    private static int spinSamples(String summary) {
        return summary.lines().filter(l -> l.startsWith("| `" + SPIN + "`")).findFirst()
                .map(l -> Integer.parseInt(l.split("\\|")[2].trim())).orElse(0);
    }

    // Mostly arithmetic between clock reads: a sample that lands inside the clock call is not a Java frame.
    private static void spin(long until) {
        long x = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }
}
