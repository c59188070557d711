package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.PostgresServer;

/** {@code replicator plan} against a real PostgreSQL: the column mapping and the splits, and nothing written. */
@ExtendWith(PostgresServer.Extension.class)
class PlanCommandIT {
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTable(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("plan");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2), placed_at timestamp(6), note varchar(40))");
            s.execute("INSERT INTO sales.orders SELECT x, x, timestamp '2024-01-01' + x * interval '1 minute', 'n' || x"
                    + " FROM generate_series(1, 1000) x");
        }
    }

    @Test
    void planPrintsTheMappingAndTheSplits_andWritesNothing() throws Exception {
        Path out = target.resolve("never");
        Cli result = Cli.run(Map.of("PG_PASSWORD", server.password()), "plan", "sales", "orders",
                "--source-url", server.jdbcUrl(database), "--source-user", server.user(), "--source-password-env", "PG_PASSWORD",
                "--target", out.toUri().toString(), "--split-method", "range", "--split-by", "id", "--splits", "4");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("amount\\s+NUMERIC\\S*\\s+FIXED_LEN_BYTE_ARRAY\\(6\\) DECIMAL\\(12,2\\)\\s+DECIMAL\\(12,2\\)\\s+NUMERIC\\(12,2\\)")
                .containsPattern("placed_at\\s+TIMESTAMP\\S*\\s+INT96\\s+TIMESTAMP\\s+DATETIME")
                .contains("Split method: range", "Split columns: id", "Splits: 4", "\"id\" <");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void theModernFlavourShowsItsOwnEncodings_underTheSameHiveTypes() throws Exception {
        Cli result = Cli.run(Map.of("PG_PASSWORD", server.password()), "plan", "sales", "orders",
                "--source-url", server.jdbcUrl(database), "--source-user", server.user(), "--source-password-env", "PG_PASSWORD",
                "--target", target.resolve("never").toUri().toString(), "--parquet-flavor", "modern");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("amount\\s+NUMERIC\\S*\\s+INT64 DECIMAL\\(12,2\\)\\s+DECIMAL\\(12,2\\)")
                .containsPattern("placed_at\\s+TIMESTAMP\\S*\\s+INT64 TIMESTAMP\\(MICROS,false\\)\\s+TIMESTAMP");
    }
}
