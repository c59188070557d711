package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotFramesTest {
    private static final int ENOUGH_SAMPLES = 30;
    private static volatile long sink;

    private static int samples(String summary) {
        return Integer.parseInt(summary.lines().findFirst().orElseThrow().replace("Execution samples: ", "").trim());
    }

    @Test
    void aMethodThatBurnsTheCpuIsTheTopFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        String summary;
        // JFR samples a thread only while it runs: on a busy machine that takes longer, so spin
        // until enough samples are in rather than for a fixed time.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            do {
                spin(System.nanoTime() + 300_000_000L);
                recording.dump(file);
                summary = HotFrames.summarize(file);
            } while (samples(summary) < ENOUGH_SAMPLES && System.nanoTime() < deadline);
            recording.stop();
        }

        assertThat(samples(summary)).isGreaterThanOrEqualTo(ENOUGH_SAMPLES);

        assertThat(summary).contains("| Top frames (own time) |");
        String firstRow = summary.lines().filter(l -> l.startsWith("| `")).findFirst().orElseThrow();
        assertThat(firstRow).contains(HotFramesTest.class.getName() + ".spin");
    }

    private static void spin(long until) {
        long x = 0;
        while (System.nanoTime() < until) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
