package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.runreplicator.testing.PostgresServer;

/**
 * The stacked-query and comment shapes of the OWASP SQL injection cheat sheets, passed as
 * {@code --where} to {@code plan} and {@code run} against a real PostgreSQL and H2: every one is
 * refused before any SQL is sent, and the source is unchanged afterwards. A predicate that calls
 * a writing function passes the check but fails in the read-only session.
 */
@ExtendWith(PostgresServer.Extension.class)
class WhereInjectionIT {
    private static final String H2_URL = "jdbc:h2:mem:where_injection;DB_CLOSE_DELAY=-1";
    private static final List<String> INJECTIONS = List.of(
            "1=1; DROP TABLE s.victim",
            "true); DROP TABLE s.victim; --",
            "1=1; DELETE FROM s.victim",
            "1=1; INSERT INTO s.victim VALUES (99)",
            "1=1; UPDATE s.victim SET v = 0",
            "1=1; TRUNCATE TABLE s.victim",
            "id = 1'; DROP TABLE s.victim; --",
            "id = 1)); DROP TABLE s.victim; ((",
            "id = 1 -- AND false",
            "id = 1 /* comment */",
            "id = 1 /*!50000 OR 1=1*/",
            "id = 1) OR (1=1",
            "1=1;",
            "1=1\n; DROP TABLE s.victim",
            "'x' = 'x'; DROP TABLE s.victim; SELECT 'x'");

    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTables(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("where_injection");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            createTables(s);
            s.execute("CREATE SEQUENCE s.victim_seq");
        }
        try (Connection c = DriverManager.getConnection(H2_URL, "sa", ""); Statement s = c.createStatement()) {
            createTables(s);
        }
    }

    private static void createTables(Statement s) throws SQLException {
        s.execute("CREATE SCHEMA s");
        s.execute("CREATE TABLE s.small (id bigint PRIMARY KEY, note varchar(40))");
        s.execute("INSERT INTO s.small VALUES (1, 'a;b -- c /* d'), (2, 'two'), (3, 'three')");
        s.execute("CREATE TABLE s.victim (v int)");
        s.execute("INSERT INTO s.victim VALUES (1), (2), (3)");
    }

    static Stream<Arguments> injections() {
        List<Arguments> cases = new ArrayList<>();
        for (String source : List.of("postgresql", "h2")) {
            for (String command : List.of("plan", "run")) {
                for (String where : INJECTIONS) {
                    cases.add(Arguments.of(source, command, where));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} --where {2}")
    @MethodSource("injections")
    void everyInjectionIsRefusedWithExit2_andTheSourceIsUnchanged(String source, String command, String where) throws Exception {
        Cli result = cli(source, command, "--where", where);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("replicator: Invalid --where '");
        assertThat(victim(source)).containsExactly(1, 2, 3);
    }

    @Test
    void aPredicateCallingAWritingFunction_failsInTheReadOnlySession_andTheSequenceDoesNotMove() throws Exception {
        for (String command : List.of("plan", "run")) {
            Cli result = cli("postgresql", command, "--where", "nextval('s.victim_seq') > 0");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
            assertThat(result.err()).contains("read-only transaction");
        }
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT is_called FROM s.victim_seq")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the sequence was never advanced").isFalse();
        }
    }

    @Test
    void semicolonsAndCommentMarkersInsideLiteralsAreData_andTheRunCopiesExactlyThatRow() {
        for (String source : List.of("postgresql", "h2")) {
            Cli result = cli(source, "run", "--where", "note = 'a;b -- c /* d'");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out().strip()).contains("\"rows\":1");
        }
    }

    private Cli cli(String source, String command, String... more) {
        // One target per source: the same table name in two databases would be two tables in one place.
        List<String> args = new ArrayList<>(List.of(command, "s", "small", "--target", target.resolve(source).toUri().toString(),
                "--partition", "ds=2024-05-01", "--splits", "1"));
        if (source.equals("postgresql")) {
            args.addAll(List.of("--source-url", server.jdbcUrl(database), "--source-user", server.user(),
                    "--source-password-env", "PG_PASSWORD"));
        } else {
            args.addAll(List.of("--source-url", H2_URL, "--source-user", "sa"));
        }
        args.addAll(List.of(more));
        return Cli.run(Map.of("PG_PASSWORD", server.password()), args.toArray(String[]::new));
    }

    private List<Integer> victim(String source) throws SQLException {
        try (Connection c = source.equals("postgresql") ? server.connect(database) : DriverManager.getConnection(H2_URL, "sa", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM s.victim ORDER BY v")) {
            List<Integer> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
            return values;
        }
    }
}
