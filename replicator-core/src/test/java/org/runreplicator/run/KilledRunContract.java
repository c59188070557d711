package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.runreplicator.commit.CleanReport;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.VersionedCommitProtocol;
import org.runreplicator.testing.TestStore;

/**
 * SIGKILL a run in a separate process at each step (while copying, before publishing its
 * version, at the commit point, while removing the previous version), then rerun (after
 * {@code replicator clean} in half the cases):
 * readers always find one whole version, and in the end every row is there exactly once with
 * nothing of the killed run left.
 */
abstract class KilledRunContract {
    private static final int ROWS = 20_000;
    private static final String COUNT = "count(*) AS n, count(DISTINCT id) AS d";
    private static final Map<String, String> PAUSE_BEFORE = Map.of(
            "copy", "copy",
            "publish", "^move .* -> .*/ds=2024-05-01/run-killed",
            "commit-point", "^createExclusive .*/_commits/",
            "retire", "^(move .* -> .*/retired/|delete .*/ds=2024-05-01/run-)");

    @TempDir
    Path temp;

    abstract TestStore newStore();

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"copy", "publish", "commit-point", "retire"})
    void aKilledRun_leavesAWholeVersion_andCleanThenARerunLeaveEveryRowOnce(String step) throws Exception {
        TestStore store = newStore();
        StoreReadback readback = new StoreReadback(store, KillableRun.TABLE, KillableRun.DS, temp);
        String url = KillableRun.createSource("killtest", ROWS);
        new TableCopy(KillableRun.options(url, store.target(), "id <= 1000", "before"), store.conf()).run(ProgressListener.NONE);

        Path marker = temp.resolve("paused-" + step);
        Process killed = startKillable(store, PAUSE_BEFORE.get(step), marker);
        try {
            awaitPause(killed, marker, step.equals("copy") ? readback : null);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }

        long expectedNow = step.equals("retire") ? ROWS : 1000;
        assertThat(readback.viaLog(COUNT)).containsExactly(List.of(expectedNow, expectedNow));

        // Half the cases tidy up with `replicator clean` first; the others leave it to the rerun.
        if (step.equals("publish") || step.equals("retire")) {
            VersionedCommitProtocol protocol = new VersionedCommitProtocol(CommitProtocols.store(store.target(), store.conf()),
                    readback.location(), List.of(), Clock.systemUTC());
            CleanReport cleaned = protocol.clean(false);
            assertThat(cleaned.skipped()).as("the killed run's lease is not live: its process is gone").isEmpty();
            assertThat(readback.leftovers()).isEmpty();
            assertThat(readback.versions()).singleElement().asString().startsWith("run-" + (step.equals("retire") ? "killed" : "before"));
            assertThat(readback.byListing(COUNT)).containsExactly(List.of(expectedNow, expectedNow));
        } else {
            assertThat(readback.leftovers()).isNotEmpty();
        }

        RunSummary rerun = new TableCopy(KillableRun.options(url, store.target(), null, "rerun"), store.conf()).run(ProgressListener.NONE);
        assertThat(rerun.rows).isEqualTo(ROWS);
        assertThat(readback.viaLog(COUNT)).containsExactly(List.of((long) ROWS, (long) ROWS));
        assertThat(readback.byListing(COUNT)).containsExactly(List.of((long) ROWS, (long) ROWS));
        assertThat(readback.leftovers()).isEmpty();
        assertThat(readback.versions()).containsExactly("run-" + rerun.runId);
    }

    private Process startKillable(TestStore store, String pause, Path marker) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Duser.timezone=America/Los_Angeles",
                "-cp", System.getProperty("java.class.path"),
                KillableRun.class.getName(), store.target().toString(), String.valueOf(ROWS), pause, marker.toString()));
        store.conf().forEach(e -> {
            if (e.getKey().startsWith("fs.") || e.getKey().startsWith("dfs.")) {
                command.add(e.getKey() + "=" + e.getValue());
            }
        });
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("killable-" + marker.getFileName() + ".log").toFile()).start();
    }

    private void awaitPause(Process process, Path marker, StoreReadback staging) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The run ended before its pause (exit " + process.exitValue() + "): "
                        + Files.readString(temp.resolve("killable-" + marker.getFileName() + ".log")));
            }
            if (Files.exists(marker) && (staging == null
                    || KillableRun.stagingHoldsFiles(staging.fs(), staging.location()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The run did not reach its pause within 90 s; see " + temp + File.separator + "killable-*.log");
    }
}
