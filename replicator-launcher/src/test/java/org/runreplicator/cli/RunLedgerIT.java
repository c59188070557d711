package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.testing.ParquetReadback;

/** {@code replicator run} and {@code replicator ledger} with an embedded ledger: what the job records, and what a ledger failure does to the exit. */
class RunLedgerIT {
    private static final String SOURCE = "jdbc:h2:mem:run_ledger_cli;DB_CLOSE_DELAY=-1";
    private static final String TD = "2024-05-01T02:00:00Z";
    private static final int ROWS = 500;
    private static Connection keepAlive;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSource() throws SQLException {
        keepAlive = DriverManager.getConnection(SOURCE);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE SCHEMA SALES");
            s.execute("CREATE TABLE SALES.ORDERS (ID BIGINT PRIMARY KEY, NOTE VARCHAR(20))");
            s.execute("INSERT INTO SALES.ORDERS SELECT X, 'order ' || X FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
    }

    @AfterAll
    static void dropSource() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        keepAlive.close();
    }

    private String ledger() {
        return "embedded:" + dir.resolve("ledger");
    }

    private RunLedger openLedger() {
        return RunLedgers.open(LedgerOptions.builder(LedgerSpec.parse(ledger())).build(), Clock.systemUTC()).orElseThrow();
    }

    private Cli run(String... ledgerArgs) {
        List<String> args = new ArrayList<>(List.of("run", "SALES", "ORDERS", "--source-url", SOURCE,
                "--target", dir.resolve("out").toUri().toString(), "--td-timestamp", TD, "--job-id", "job-42"));
        args.addAll(List.of(ledgerArgs));
        return Cli.run(Map.of(), args.toArray(new String[0]));
    }

    private static List<String> failureLines(Cli result) {
        return result.errLines().stream().filter(l -> l.startsWith("replicator: ")).collect(Collectors.toList());
    }

    private long filesUnder(Path path) throws Exception {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void runRecordsItselfBesideTheTriggersRows_andLedgerPrintsOnPremAndGcpSideBySide() {
        LedgerKey gcp = new LedgerKey("SALES", "ORDERS", Instant.parse(TD), "GCP");
        try (RunLedger ledger = openLedger()) {
            ledger.prepare(true);
            ledger.record(gcp.inEnvironment("ONPREM"), LedgerStatus.SUCCEEDED, null);
            ledger.record(gcp, LedgerStatus.PENDING, null);
        }

        Cli result = run("--ledger", ledger());
        Cli shown = Cli.run("ledger", "SALES", "ORDERS", "--ledger", ledger());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).contains("\"jobId\":\"job-42\"");
        try (RunLedger ledger = openLedger()) {
            assertThat(ledger.find(gcp)).get().satisfies(row -> {
                assertThat(row.status()).isEqualTo(LedgerStatus.SUCCEEDED);
                assertThat(row.jobId()).isEqualTo("job-42");
            });
        }
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        List<String> lines = shown.out().lines().collect(Collectors.toList());
        assertThat(lines.get(0)).startsWith("Ledger rows for SALES.ORDERS in " + ledger());
        assertThat(lines.get(1)).startsWith("td_timestamp").contains("ONPREM", "GCP", "dataproc_job_id", "in step");
        assertThat(lines.get(2)).startsWith(TD).containsPattern("SUCCEEDED .* SUCCEEDED .* job-42 +yes$");
        assertThat(lines).hasSize(3);
    }

    @Test
    void aFinalLedgerWriteThatFails_exits4_withTheCommittedSummaryLast_oneFailureLine_andTheDataCommitted() throws Exception {
        try (RunLedger ledger = openLedger()) {
            ledger.prepare(true);
        }
        // A real refusal from the database, at exactly the final write.
        try (Connection c = DriverManager.getConnection(LedgerSpec.parse(ledger()).jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE run_ledger ADD CONSTRAINT never_succeeds CHECK (status <> 'SUCCEEDED')");
        }

        Cli result = run("--ledger", ledger());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        String last = result.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("{\"status\":\"SUCCEEDED\"").contains("\"rows\":" + ROWS, "\"jobId\":\"job-42\"");
        assertThat(failureLines(result)).singleElement().asString()
                .contains("Committed " + ROWS + " rows of SALES.ORDERS", "as SUCCEEDED", ledger());
        Path partition = dir.resolve("out/sales/orders/ds=2024-05-01");
        assertThat(ParquetReadback.query(partition, "count(*) AS n", "n").rows()).containsExactly(List.of((long) ROWS));
    }

    @Test
    void aLedgerWithoutItsTable_stopsTheRunBeforeAnythingIsWritten_withExit4() throws Exception {
        Cli result = run("--ledger", ledger());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        result.assertRunFailureSummary();
        assertThat(failureLines(result)).singleElement().asString().contains("as RUNNING", "--ledger-create");
        assertThat(filesUnder(dir.resolve("out"))).isZero();
    }

    @Test
    void anOptionalLedgerWithoutItsTable_doesNotStopTheRun() {
        Cli result = run("--ledger", ledger(), "--ledger-optional");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).startsWith("{\"status\":\"SUCCEEDED\"");
    }

    @Test
    void aPasswordInsideTheLedgerUrl_neverReachesTheFailureLine() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("locked") + ";USER=sa;PASSWORD=";
        try (Connection c = DriverManager.getConnection(url + "Right-0ne")) {
            assertThat(c.isValid(1)).isTrue();
        }

        Cli result = run("--ledger", url + "Hunter2-wrong");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.err()).doesNotContain("Hunter2-wrong").doesNotContain("Right-0ne");
        assertThat(failureLines(result)).singleElement().asString().contains("PASSWORD=****");
    }
}
