package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotFramesTest {
    private static volatile long sink;

    @Test
    void aMethodThatBurnsTheCpuIsTheTopFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            spin(System.nanoTime() + 1_500_000_000L);
            recording.stop();
            recording.dump(file);
        }

        String summary = HotFrames.summarize(file);

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
