package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.PostgresServer;

/**
 * Bad input against a real PostgreSQL: each gives its exit status and one clear line, writes
 * nothing, and never prints the password.
 */
@ExtendWith(PostgresServer.Extension.class)
class BadInputsIT {
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTables(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("bad_inputs");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2))");
            s.execute("INSERT INTO sales.orders SELECT x, x FROM generate_series(1, 100) x");
            s.execute("CREATE TABLE sales.tagged (id bigint PRIMARY KEY, tags text[])");
            s.execute("INSERT INTO sales.tagged VALUES (1, ARRAY['a','b'])");
        }
    }

    @Test
    void missingTableIsASourceError() throws IOException {
        Cli result = run(password(), "run", "sales", "no_such_table", "--source-url", server.jdbcUrl(database));

        assertFailedCleanly(result, 3, "sales.no_such_table");
    }

    @Test
    void wrongPasswordIsASourceError_andNeitherPasswordIsPrinted() throws IOException {
        Cli result = run(Map.of("PG_PASSWORD", "not-the-password-42"), "run", "sales", "orders",
                "--source-url", server.jdbcUrl(database));

        assertFailedCleanly(result, 3, "password authentication failed");
        assertThat(result.out() + result.err()).doesNotContain("not-the-password-42");
    }

    @Test
    void hostThatNeverAnswersFailsWithinTheLoginTimeout() throws IOException {
        // A listener that accepts TCP connections but never speaks: the driver waits for the server's greeting.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            Cli result = run(password(), "run", "sales", "orders",
                    "--source-url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/" + database,
                    "--connection-property", "loginTimeout=3");

            assertFailedCleanly(result, 3, "Cannot connect to jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/" + database + " ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void tableNameCarryingSqlIsRefusedBeforeAnySql() throws IOException {
        assertFailedCleanly(run(password(), "run", "sales", "x; DROP TABLE y", "--source-url", server.jdbcUrl(database)),
                2, "Invalid table name");
        assertFailedCleanly(run(password(), "run", "sales", "o'brien\"", "--source-url", server.jdbcUrl(database)),
                2, "Invalid table name");
    }

    @Test
    void unsupportedTypeFailsBeforeWriting_namingTheColumn() throws IOException {
        Cli result = run(password(), "run", "sales", "tagged", "--source-url", server.jdbcUrl(database));

        assertFailedCleanly(result, 3, "column tags has unsupported type");
    }

    @Test
    void unsupportedTypeCopies_whenTheUserMapsIt() throws IOException {
        Cli result = run(password(), "run", "sales", "tagged", "--source-url", server.jdbcUrl(database),
                "--map-column", "tags=STRING");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).startsWith("{\"status\":\"SUCCEEDED\"").contains("\"rows\":1");
    }

    @Test
    void malformedPartitionIsAUsageError() throws IOException {
        assertFailedCleanly(run(password(), "run", "sales", "orders", "--source-url", server.jdbcUrl(database),
                "--partition", "ds=2024/05/01"), 2, "Invalid partition value");
    }

    private Map<String, String> password() {
        return Map.of("PG_PASSWORD", server.password());
    }

    private Cli run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source-user", server.user(), "--source-password-env", "PG_PASSWORD",
                "--target", target.toUri().toString(), "--splits", "2"));
        return Cli.run(env, all.toArray(String[]::new));
    }

    private void assertFailedCleanly(Cli result, int exitCode, String message) throws IOException {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.errLines()).singleElement().asString().startsWith("replicator: ").contains(message);
        result.assertRunFailureSummary();
        assertThat(result.out() + result.err()).doesNotContain(server.password());
        // A run takes its partition's lease before it reads the source; a released lease is all it may leave.
        try (Stream<Path> written = Files.walk(target)) {
            assertThat(written.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/_replicator/sales/"))
                    .toList()).as("files written").isEmpty();
        }
        try (Stream<Path> control = Files.walk(target)) {
            assertThat(control.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("lease"))
                    .toList()).as("files other than the released lease").isEmpty();
        }
    }
}
