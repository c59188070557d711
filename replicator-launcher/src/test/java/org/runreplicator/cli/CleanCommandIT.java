package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.run.KillableRun;

/** {@code replicator clean}: what a killed run left is listed by a dry run, removed by a real one, and then gone. */
class CleanCommandIT {
    @TempDir
    Path temp;

    @Test
    void cleanRemovesAKilledRunsStaging_afterADryRunListedIt() throws Exception {
        Path target = temp.resolve("target");
        Path marker = temp.resolve("paused");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KillableRun.class.getName(), target.toUri().toString(), "20000",
                "copy", marker.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("killed.log").toFile()).start();
        try {
            for (int i = 0; i < 1200 && !(Files.exists(marker) && stagedParquet(target) > 0); i++) {
                assertThat(killed.isAlive()).as(Files.exists(temp.resolve("killed.log")) ? Files.readString(temp.resolve("killed.log")) : "").isTrue();
                Thread.sleep(50);
            }
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(stagedParquet(target)).isPositive();

        Cli dry = Cli.run("clean", "sales", "orders", "--target", target.toUri().toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        List<String> lines = dry.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("would remove ").contains("staging of dead run killed-"));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"status\":\"DRY_RUN\",\"table\":\"sales.orders\",\"removed\":1");
        assertThat(stagedParquet(target)).isPositive();

        Cli clean = Cli.run("clean", "sales", "orders", "--target", target.toUri().toString());
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("removed ").contains("\"status\":\"CLEANED\"");
        assertThat(stagedParquet(target)).isZero();

        Cli again = Cli.run("clean", "sales", "orders", "--target", target.toUri().toString(), "--dry-run");
        assertThat(again.out().strip()).endsWith("\"removed\":0,\"skipped\":0}");
    }

    private static long stagedParquet(Path target) throws Exception {
        Path runs = target.resolve("_replicator/sales/orders/ds=2024-05-01/runs");
        if (!Files.exists(runs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(runs)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
