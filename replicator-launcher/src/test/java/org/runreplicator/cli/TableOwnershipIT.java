package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/** Two PostgreSQL tables whose names differ only in case fold to one location: the second is refused, and the first's data stays. */
@ExtendWith(PostgresServer.Extension.class)
class TableOwnershipIT {
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path target;

    @BeforeAll
    static void createTables(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("ownership");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA s");
            s.execute("CREATE TABLE s.\"MyTab\" (id bigint PRIMARY KEY)");
            s.execute("INSERT INTO s.\"MyTab\" SELECT x FROM generate_series(1, 10) x");
            s.execute("CREATE TABLE s.mytab (id bigint PRIMARY KEY)");
            s.execute("INSERT INTO s.mytab SELECT x FROM generate_series(100, 199) x");
        }
    }

    @Test
    void aTableWhoseNameFoldsToAnotherTablesLocation_isRefusedWithExit2_andTheFirstTablesPartitionStays() throws Exception {
        Cli first = run("MyTab");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path partition = target.resolve("s/mytab/ds=2024-05-01");
        List<Path> before = files(partition);

        Cli second = run("mytab");

        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        assertThat(second.errLines()).singleElement().asString()
                .startsWith("replicator: Cannot copy s.mytab to ")
                .contains("that location belongs to s.MyTab");
        assertThat(files(partition)).isEqualTo(before);
        assertThat(ParquetReadback.query(partition, "count(*) AS n, max(id) AS m", "n").rows()).containsExactly(List.of(10L, 10L));
        try (Stream<Path> staged = Files.walk(target.resolve("_replicator"))) {
            assertThat(staged.filter(Files::isRegularFile).filter(p -> p.toString().contains("/runs/")).toList()).isEmpty();
        }
    }

    private Cli run(String table) {
        return Cli.run(Map.of("PG_PASSWORD", server.password()), "run", "s", table, "--source-url", server.jdbcUrl(database),
                "--source-user", server.user(), "--source-password-env", "PG_PASSWORD", "--target", target.toUri().toString(),
                "--partition", "ds=2024-05-01", "--splits", "1");
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
