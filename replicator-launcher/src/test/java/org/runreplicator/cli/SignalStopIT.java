package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real job-jar process stopped with SIGTERM or SIGINT while a split is copying: one
 * {@code replicator:} line, the shell's exit status for the signal, the FAILED summary saying
 * STOPPED, no staging left behind, and the partition an earlier run committed unchanged.
 */
class SignalStopIT {
    @TempDir
    Path dir;
    private String source;
    private Path target;

    @BeforeEach
    void createTable() throws Exception {
        source = "jdbc:h2:file:" + dir.resolve("source");
        target = dir.resolve("out");
        try (Connection c = DriverManager.getConnection(source); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA SALES");
            s.execute("CREATE TABLE SALES.ORDERS (ID BIGINT PRIMARY KEY, NOTE VARCHAR(20))");
            s.execute("INSERT INTO SALES.ORDERS SELECT X, 'order ' || X FROM SYSTEM_RANGE(1, 20000)");
        }
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheRun_withOneLineAndTheSignalsStatus_leavingThePreviousPartitionAndNoStaging(String signal, int status)
            throws Exception {
        Process first = start(List.of());
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        Path partition = target.resolve("sales/orders/ds=2024-05-01");
        List<Path> before = files(partition);

        // Split 0's first attempt waits before it reads, so the signal finds the run copying.
        Process second = start(List.of("-D", "replicator.test.slow-first-attempt-ms=60000"));
        awaitLine(dir.resolve("err.txt"), "progress:", 60);
        new ProcessBuilder("kill", "-" + signal, Long.toString(second.pid())).start().waitFor();

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        List<String> out = Files.readAllLines(dir.resolve("out.txt"));
        assertThat(second.exitValue()).as(err).isEqualTo(status);
        assertThat(err.lines().filter(l -> l.startsWith("replicator:")))
                .containsExactly("replicator: Stopped by SIG" + signal
                        + " before the commit: nothing was published, this run's files were removed");
        assertThat(out.get(out.size() - 1)).contains("\"status\":\"FAILED\"", "\"failure\":\"STOPPED\"", "\"exitCode\":" + status);
        assertThat(files(partition)).isEqualTo(before);
        Path runs = target.resolve("_replicator/sales/orders/ds=2024-05-01/runs");
        assertThat(Files.exists(runs) ? files(runs) : List.of()).isEmpty();
    }

    private Process start(List<String> more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JobJar.classpath(), "org.runreplicator.cli.Replicator", "run", "SALES", "ORDERS",
                "--source-url", source, "--target", target.toUri().toString(), "--partition", "ds=2024-05-01",
                "--split-method", "range", "--split-by", "ID", "--splits", "4", "--metastore", "none",
                "--progress-interval", "1"));
        command.addAll(more);
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    private static void awaitLine(Path file, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No '" + text + "' in " + file + " within " + seconds + " s: " + Files.readString(file));
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
