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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.runreplicator.testing.PostgresServer;

/**
 * Bad input of every kind through the real command line, against a real PostgreSQL: each case
 * ends with its exit status (DESIGN.md), exactly one {@code replicator:} line on stderr saying
 * what and why, the FAILED summary on stdout, no password anywhere, and nothing in the target but
 * a released lease and the table's owner record: no partition directory, no staging file.
 *
 * <p>Arguments are written as the user would, with {@code @source} standing for a working
 * {@code --source-url/--source-user/--source-password-env}, {@code @target} for a fresh
 * {@code --target}, and {@code {url}}, {@code {db}}, {@code {work}}, {@code {closed-port}} for
 * the server's URL, its database, a scratch directory and a port nothing listens on.
 */
@ExtendWith(PostgresServer.Extension.class)
class BadInputTableIT {
    private static PostgresServer server;
    private static String database;
    private static int closedPort;

    @TempDir
    static Path work;

    @TempDir
    Path target;

    @BeforeAll
    static void createSource(PostgresServer pg) throws SQLException, IOException {
        server = pg;
        database = pg.createDatabase("bad_input_table");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2), note text)");
            s.execute("INSERT INTO sales.orders SELECT x, x, 'n' || x FROM generate_series(1, 200) x");
            s.execute("CREATE TABLE sales.odd (id int, price money, flags bit(8), addr inet)");
            s.execute("CREATE TABLE sales.not_a_number (id int PRIMARY KEY, amount numeric(12,2))");
            s.execute("INSERT INTO sales.not_a_number VALUES (1, 1.50), (2, 'NaN'), (3, 3)");
            s.execute("CREATE TABLE sales.forever (id int PRIMARY KEY, valid_to timestamp)");
            s.execute("INSERT INTO sales.forever VALUES (1, '2024-05-01 00:00:00'), (2, 'infinity')");
        }
        Files.writeString(work.resolve("unknown-key.properties"), "splits=2\nsplitz=3\n");
        Files.writeString(work.resolve("bad-splits.properties"), "splits=several\n");
        Files.writeString(work.resolve("empty-password"), "");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // Names
                bad("table name carrying SQL", 2, "Invalid table name 'x; DROP TABLE y'", "run", "sales", "x; DROP TABLE y", "@source", "@target"),
                bad("table name with quotes", 2, "Invalid table name", "run", "sales", "o'brien\"", "@source", "@target"),
                bad("database name with a quote", 2, "Invalid database name", "run", "sa'les", "orders", "@source", "@target"),
                bad("table that does not exist", 3, "sales.no_such_table", "run", "sales", "no_such_table", "@source", "@target"),
                // Partition specs
                bad("ds month 13", 2, "Invalid partition value '2024-13-45' for key ds", "run", "sales", "orders", "@source", "@target",
                        "--partition", "ds=2024-13-45"),
                bad("ds 30 February", 2, "expected a real date", "run", "sales", "orders", "@source", "@target", "--partition", "ds=2024-02-30"),
                bad("partition value with ':'", 2, "Invalid partition value '02:00'", "run", "sales", "orders", "@source", "@target",
                        "--partition", "hour=02:00"),
                bad("partition value with '/'", 2, "Invalid partition value 'a/b'", "run", "sales", "orders", "@source", "@target",
                        "--partition", "ds=a/b"),
                bad("partition with empty value", 2, "Invalid partition", "run", "sales", "orders", "@source", "@target", "--partition", "ds="),
                bad("partition with empty key", 2, "Invalid partition", "run", "sales", "orders", "@source", "@target", "--partition", "=x"),
                bad("partition empty", 2, "Invalid partition", "run", "sales", "orders", "@source", "@target", "--partition", ""),
                // On-prem timestamps
                bad("td-timestamp a word", 2, "Invalid --td-timestamp 'yesterday'", "run", "sales", "orders", "@source", "@target",
                        "--td-timestamp", "yesterday"),
                bad("td-timestamp hour 25", 2, "Invalid --td-timestamp", "run", "sales", "orders", "@source", "@target",
                        "--td-timestamp", "2024-05-01T25:00:00Z"),
                // Splits and sessions
                bad("splits zero", 2, "Invalid --splits 0", "run", "sales", "orders", "@source", "@target", "--splits", "0"),
                bad("splits negative", 2, "Invalid --splits -3", "run", "sales", "orders", "@source", "@target", "--splits", "-3"),
                bad("splits not a number", 2, "--splits", "run", "sales", "orders", "@source", "@target", "--splits", "abc"),
                bad("max-connections zero", 2, "--max-connections", "run", "sales", "orders", "@source", "@target", "--max-connections", "0"),
                bad("fetch-size negative", 2, "--fetch-size", "run", "sales", "orders", "@source", "@target", "--fetch-size", "-1"),
                bad("fetch-size a word", 2, "--fetch-size", "run", "sales", "orders", "@source", "@target", "--fetch-size", "lots"),
                bad("unknown split method", 2, "Invalid split method 'diagonal'", "run", "sales", "orders", "@source", "@target",
                        "--split-method", "diagonal"),
                bad("split-by a column the table lacks", 2, "no_such_column", "run", "sales", "orders", "@source", "@target",
                        "--split-by", "no_such_column"),
                bad("split-by carrying SQL", 2, "Invalid --split-by column name", "run", "sales", "orders", "@source", "@target",
                        "--split-by", "id) OR (1=1"),
                // --where
                bad("where with a stacked statement", 2, "Invalid --where", "run", "sales", "orders", "@source", "@target",
                        "--where", "1=1; DROP TABLE sales.orders"),
                bad("where closing what it did not open", 2, "Invalid --where", "run", "sales", "orders", "@source", "@target",
                        "--where", "true) OR (1=1"),
                bad("where with a comment", 2, "Invalid --where", "run", "sales", "orders", "@source", "@target", "--where", "id = 1 -- x"),
                bad("where with an open quote", 2, "Invalid --where", "run", "sales", "orders", "@source", "@target", "--where", "note = 'x"),
                // Source locks
                bad("source-lock not a lock", 2, "Invalid --source-lock 'write'", "run", "sales", "orders", "@source", "@target",
                        "--source-lock", "write"),
                bad("source-lock on PostgreSQL", 2, "--source-lock applies to sources that lock tables for reading (Teradata)",
                        "run", "sales", "orders", "@source", "@target", "--source-lock", "access"),
                // Targets
                bad("target without a scheme", 2, "Invalid --target 'relative/out'", "run", "sales", "orders", "@source", "--target", "relative/out"),
                bad("target store without atomic create", 2, "s3a:// is not a store", "run", "sales", "orders", "@source", "--target", "s3a://b/out"),
                bad("target scheme unknown", 2, "ftp:// is not a store", "run", "sales", "orders", "@source", "--target", "ftp://host/out"),
                // Column mappings
                bad("map-column without a type", 2, "--map-column", "run", "sales", "orders", "@source", "@target", "--map-column", "amount"),
                bad("map-column to an unknown type", 2, "Invalid --map-column amount=MONEY", "run", "sales", "orders", "@source", "@target",
                        "--map-column", "amount=MONEY"),
                bad("map-column decimal over 38 digits", 2, "DECIMAL precision must be 1 to 38", "run", "sales", "orders", "@source", "@target",
                        "--map-column", "amount=DECIMAL(40,2)"),
                bad("map-column naming a missing column", 2, "has no column nothing", "run", "sales", "orders", "@source", "@target",
                        "--map-column", "nothing=STRING"),
                bad("map-column BIGINT on text", 2, "only numeric columns map to BIGINT", "run", "sales", "orders", "@source", "@target",
                        "--map-column", "note=BIGINT"),
                // Ledgers
                bad("ledger not a ledger", 2, "Invalid --ledger", "run", "sales", "orders", "@source", "@target", "--ledger", "ledger.csv"),
                bad("bigquery ledger without a project", 2, "PROJECT.DATASET.TABLE", "run", "sales", "orders", "@source", "@target",
                        "--ledger", "bigquery:ops.ledger"),
                // Sources
                bad("wrong password", 3, "password authentication failed", "run", "sales", "orders", "@target", "--source-url", "{url}",
                        "--source-user", "{user}", "--source-password-env", "WRONG_PASSWORD"),
                bad("missing source URL", 2, "Missing --source-url", "run", "sales", "orders", "@target"),
                bad("source URL not JDBC", 2, "Invalid --source-url", "run", "sales", "orders", "@target", "--source-url", "postgresql://h/db"),
                bad("source URL carrying a password", 2, "carries a password", "run", "sales", "orders", "@target",
                        "--source-url", "{url}?password=hunter2"),
                bad("unreachable source", 3, "Cannot connect to jdbc:postgresql://127.0.0.1:{closed-port}/{db} ", "run", "sales", "orders",
                        "@target", "--source-url", "jdbc:postgresql://127.0.0.1:{closed-port}/{db}?loginTimeout=5",
                        "--source-user", "etl", "--source-password-env", "PG_PASSWORD"),
                bad("missing password file", 2, "Cannot read the source password file", "run", "sales", "orders", "@target",
                        "--source-url", "{url}", "--source-user", "etl", "--source-password-file", "{work}/no-such-password"),
                bad("empty password file", 2, "it is empty", "run", "sales", "orders", "@target",
                        "--source-url", "{url}", "--source-user", "etl", "--source-password-file", "{work}/empty-password"),
                // Config files and format options
                bad("config file missing", 2, "Cannot read config file", "run", "sales", "orders", "@source", "@target",
                        "--config", "{work}/no-such.properties"),
                bad("config file with an unknown key", 2, "Unknown key 'splitz'", "run", "sales", "orders", "@source", "@target",
                        "--config", "{work}/unknown-key.properties"),
                bad("config file with a bad value", 2, "--splits", "run", "sales", "orders", "@source", "@target",
                        "--config", "{work}/bad-splits.properties"),
                bad("parquet flavour unknown", 2, "--parquet-flavor", "run", "sales", "orders", "@source", "@target", "--parquet-flavor", "orc"),
                bad("schema-change policy unknown", 2, "Invalid --schema-change 'sometimes'", "run", "sales", "orders", "@source", "@target",
                        "--schema-change", "sometimes"),
                bad("compression unknown", 2, "Invalid compression 'lz4'", "run", "sales", "orders", "@source", "@target", "--compression", "lz4"),
                bad("engine unknown", 2, "Invalid --engine 'spark'", "run", "sales", "orders", "@source", "@target", "--engine", "spark"),
                // Source data the copy cannot carry
                bad("money, bit(8) and inet columns, all in one line", 3,
                        "3 columns cannot be copied as they are: column price has unsupported type MONEY (map it with --map-column price=STRING);"
                                + " column flags has unsupported type BIT (map it with --map-column flags=STRING);"
                                + " column addr has unsupported type INET (map it with --map-column addr=STRING)", "run", "sales", "odd", "@source", "@target"),
                bad("numeric NaN", 3, "Cannot copy table sales.not_a_number: column amount has value NaN, which no Parquet DECIMAL(12,2)"
                        + " can hold; map it with --map-column amount=STRING", "run", "sales", "not_a_number", "@source", "@target"),
                bad("timestamp infinity", 3, "Cannot copy table sales.forever: column valid_to has value infinity, which no Parquet"
                        + " INT96 timestamp can hold; map it with --map-column valid_to=STRING", "run", "sales", "forever", "@source", "@target"),
                bad("unknown option", 2, "Unknown option --bogus", "run", "sales", "orders", "@source", "@target", "--bogus", "1"),
                bad("plan with a stacked --where", 2, "Invalid --where", "plan", "sales", "orders", "@source", "--where", "true); DROP TABLE x; --"),
                bad("plan of a missing table", 3, "sales.no_such_table", "plan", "sales", "no_such_table", "@source"),
                bad("plan of unsupported columns", 3, "3 columns cannot be copied", "plan", "sales", "odd", "@source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsWithItsStatus_printsOneLine_andWritesNothing(String what, int exitCode, String message, List<String> args)
            throws IOException {
        Cli result = Cli.run(Map.of("PG_PASSWORD", server.password(), "WRONG_PASSWORD", "hunter2"), expand(args).toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.errLines()).as(result.err()).singleElement().asString().startsWith("replicator: ").contains(expandText(message));
        if (args.get(0).equals("run")) {
            result.assertRunFailureSummary();
        } else {
            assertThat(result.out()).isEmpty();
        }
        assertThat(result.out() + result.err()).doesNotContain(server.password()).doesNotContain("hunter2");
        assertNothingWritten();
    }

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> all = Files.walk(target)) {
            List<Path> paths = all.filter(p -> !p.equals(target)).toList();
            // A run takes its partition's lease before it reads the source, and claims the table's location for its source
            // table before it copies: the released lease and that claim are all a failed run may leave.
            assertThat(paths.stream().filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("lease"))
                    .filter(p -> !p.getFileName().toString().equals("owner.json") || !p.toString().contains("/_replicator/")))
                    .as("files other than the released lease and the table's owner").isEmpty();
            assertThat(paths.stream().filter(p -> p.getFileName().toString().contains("=")).filter(p -> !p.toString().contains("/_replicator/")))
                    .as("partition directories").isEmpty();
            assertThat(paths.stream().filter(p -> p.toString().contains("/runs/"))).as("staging").isEmpty();
        }
    }

    private static Arguments bad(String what, int exitCode, String message, String... args) {
        return Arguments.of(what, exitCode, message, List.of(args));
    }

    private List<String> expand(List<String> args) {
        List<String> expanded = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("@source")) {
                expanded.addAll(List.of("--source-url", server.jdbcUrl(database), "--source-user", server.user(),
                        "--source-password-env", "PG_PASSWORD"));
            } else if (arg.equals("@target")) {
                expanded.addAll(List.of("--target", target.toUri().toString()));
            } else {
                expanded.add(expandText(arg));
            }
        }
        return expanded;
    }

    private static String expandText(String text) {
        return text.replace("{url}", server.jdbcUrl(database)).replace("{db}", database).replace("{user}", server.user()).replace("{work}", work.toString())
                .replace("{closed-port}", Integer.toString(closedPort));
    }
}
