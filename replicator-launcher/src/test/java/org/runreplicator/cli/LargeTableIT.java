package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/** Reads stream with bounded memory: a 5-million-row table copies through the job jar with a 256 MB heap. */
@ExtendWith(PostgresServer.Extension.class)
class LargeTableIT {
    private static final long ROWS = 5_000_000;
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTable(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("large");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA dw");
            s.execute("CREATE TABLE dw.events (id bigint PRIMARY KEY, customer_id integer, amount numeric(18,2),"
                    + " event_date date, created_at timestamp(6), status char(10), note varchar(64), flagged boolean)");
            s.execute("INSERT INTO dw.events SELECT x, (x % 100000)::int, x * 0.37, date '2020-01-01' + (x % 1500)::int,"
                    + " timestamp '2020-01-01' + x * interval '1.5 second', CASE WHEN x % 3 = 0 THEN 'OPEN' ELSE 'CLOSED' END,"
                    + " CASE WHEN x % 7 = 0 THEN NULL ELSE 'note for event ' || x END, x % 11 = 0"
                    + " FROM generate_series(1::bigint, " + ROWS + ") x");
            s.execute("ANALYZE dw.events");
        }
    }

    @Test
    void fiveMillionRowsCopyWithA256MbHeap() throws Exception {
        long started = System.nanoTime();
        JobJar.Outcome result = JobJar.run(List.of("-Xmx256m"), Map.of("PG_PASSWORD", server.password()), Duration.ofMinutes(8),
                "run", "dw", "events", "--source-url", server.jdbcUrl(database), "--source-user", server.user(),
                "--source-password-env", "PG_PASSWORD", "--target", target.toUri().toString(), "--splits", "8",
                "--max-connections", "4", "--partition", "ds=2024-05-01");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(result.lastLine());
        assertThat(summary.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(ParquetReadback.query(target.resolve("dw/events/ds=2024-05-01"), "count(*) AS n, count(DISTINCT id) AS d", "n")
                .rows()).containsExactly(List.of(ROWS, ROWS));
        System.out.printf("large table: %,d rows in %.1f s with -Xmx256m (%,d rows/s end to end, %,d bytes of Parquet, splits %s)%n",
                ROWS, seconds, Math.round(ROWS / seconds), summary.get("bytes").asLong(), summary.get("splitRows"));
    }
}
