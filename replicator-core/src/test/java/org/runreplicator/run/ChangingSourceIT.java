package org.runreplicator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.source.PostgresDialect;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;
import org.runreplicator.testing.UnsharedSnapshotPostgresDialect;

/**
 * Rows moved from the first split's range to beyond the last while a copy runs (as a busy
 * warehouse does): with PostgreSQL's shared snapshot the copy is exactly the table as it was when
 * the copy began; without one, the run's total count catches the difference and publishes nothing,
 * or commits with a warning under --allow-changing-source.
 */
class ChangingSourceIT {
    private static final int ROWS = 100_000;
    private static final int MOVED = 5_000;

    @TempDir
    Path output;
    private PostgresServer server;
    private String database;

    @BeforeEach
    void createTable() throws SQLException {
        server = PostgresServer.shared();
        database = server.createDatabase("changing");
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA chg");
            s.execute("CREATE TABLE chg.moving (id bigint PRIMARY KEY, v text)");
            s.execute("INSERT INTO chg.moving SELECT x, 'row ' || x FROM generate_series(1, " + ROWS + ") x");
        }
    }

    @Test
    void withTheSharedSnapshot_theCopyIsTheTableAsItWasWhenTheCopyBegan() throws Exception {
        RunSummary summary = copyWhileRowsMove(new PostgresDialect(), false);

        assertThat(summary.rows).isEqualTo(ROWS);
        assertThat(ParquetReadback.query(partition(), "count(*) AS n, count(DISTINCT id) AS d, max(id) AS m", "n").rows())
                .containsExactly(List.of((long) ROWS, (long) ROWS, (long) ROWS));
        assertThat(movedRowsNow()).isEqualTo(MOVED);
    }

    @Test
    void withoutOne_theTotalCountCatchesTheChange_andNothingIsPublished() throws Exception {
        assertThatThrownBy(() -> copyWhileRowsMove(new UnsharedSnapshotPostgresDialect(), false))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("copied " + (ROWS - MOVED) + " rows but the table counted " + ROWS)
                .hasMessageContaining("--allow-changing-source")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.VALIDATION));
        assertThat(Files.exists(partition())).isFalse();
    }

    @Test
    void withoutOne_allowChangingSourceCommitsWhatTheSplitsRead() throws Exception {
        RunSummary summary = copyWhileRowsMove(new UnsharedSnapshotPostgresDialect(), true);

        assertThat(summary.rows).isEqualTo(ROWS - MOVED);
    }

    /** Starts the copy with split 0 held back, moves the first split's rows past the last key meanwhile, and waits. */
    private RunSummary copyWhileRowsMove(SourceDialect dialect, boolean allowChangingSource) throws Exception {
        Configuration conf = new Configuration();
        // The engine's test-only fault hook: split 0's first attempt waits before it reads.
        conf.setLong("replicator.test.slow-first-attempt-ms", 4000);
        RunOptions options = RunOptions.builder()
                .table(new TableRef("chg", "moving"))
                .sourceUrl(server.jdbcUrl(database))
                .sourceUser(server.user())
                .sourcePassword(Secret.of(server.password()))
                .target(output.toUri())
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(4)
                .maxConnections(4)
                .allowChangingSource(allowChangingSource)
                .jobId("changing")
                .build();
        CompletableFuture<RunSummary> copy = CompletableFuture.supplyAsync(
                () -> new TableCopy(options, conf, dialect).run(ProgressListener.NONE));
        awaitSplitSessions(3);
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("WITH moved AS (DELETE FROM chg.moving WHERE id <= " + MOVED + " RETURNING id, v)"
                    + " INSERT INTO chg.moving SELECT id + 1000000, v FROM moved");
        }
        try {
            return copy.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Waits until the fast splits have read (their sessions came and went) while split 0 still waits. */
    private void awaitSplitSessions(int finished) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(output.resolve("_replicator/chg/moving/ds=2024-05-01/runs"))) {
                try (var dirs = Files.walk(output.resolve("_replicator/chg/moving/ds=2024-05-01/runs"))) {
                    if (dirs.filter(p -> p.getFileName().toString().equals("_attempt.json")).count() >= finished) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The fast splits did not finish within 30 s");
    }

    private long movedRowsNow() throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM chg.moving WHERE id > 1000000")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path partition() {
        return output.resolve("chg/moving/ds=2024-05-01");
    }
}
