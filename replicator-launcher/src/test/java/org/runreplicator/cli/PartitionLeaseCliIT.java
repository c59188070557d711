package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/** One writer per partition, as the command line shows it: a second run fails naming the first, or waits for it. */
@ExtendWith(PostgresServer.Extension.class)
class PartitionLeaseCliIT {
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTable(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("lease_cli");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2))");
            s.execute("INSERT INTO sales.orders SELECT x, x FROM generate_series(1, 2000) x");
        }
    }

    @Test
    void aSecondRunFailsWithExit4NamingTheFirst_andAThirdWaitsForItWithWaitForLock() throws Exception {
        // The first run reads slowly: one row makes its split sleep for a few seconds.
        CompletableFuture<Cli> slow = CompletableFuture.supplyAsync(() ->
                run("--job-id", "slow-job", "--where", "id <> 1500 OR pg_sleep(4) IS NOT NULL"));
        awaitLease();

        Cli refused = run("--job-id", "eager-job");
        Cli patient = run("--job-id", "patient-job", "--wait-for-lock", "2m");
        Cli first = slow.get(2, TimeUnit.MINUTES);

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(4);
        assertThat(refused.errLines()).singleElement().asString()
                .startsWith("replicator: Partition ")
                .contains("is being written by run slow-job-")
                .contains("(job slow-job, table sales.orders)")
                .contains("--wait-for-lock");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(patient.exitCode()).as(patient.err()).isZero();
        assertThat(patient.out().strip()).contains("\"jobId\":\"patient-job\"");
        Path partition = target.resolve("sales/orders/ds=2024-05-01");
        try (Stream<Path> versions = Files.list(partition)) {
            assertThat(versions.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).toList())
                    .singleElement().asString().startsWith("run-patient-job-");
        }
        assertThat(ParquetReadback.query(partition, "count(*) AS n, count(DISTINCT id) AS d", "n").rows())
                .containsExactly(List.of(2000L, 2000L));
    }

    private void awaitLease() throws InterruptedException {
        Path leaseDir = target.resolve("_replicator/sales/orders/ds=2024-05-01/lease");
        for (int i = 0; i < 600 && !(Files.isDirectory(leaseDir) && leaseDir.toFile().list().length > 0); i++) {
            Thread.sleep(50);
        }
        assertThat(leaseDir).isNotEmptyDirectory();
    }

    private Cli run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", "sales", "orders", "--source-url", server.jdbcUrl(database),
                "--source-user", server.user(), "--source-password-env", "PG_PASSWORD",
                "--target", target.toUri().toString(), "--partition", "ds=2024-05-01", "--splits", "2"));
        args.addAll(List.of(more));
        return Cli.run(Map.of("PG_PASSWORD", server.password()), args.toArray(String[]::new));
    }
}
