package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.metastore.EmbeddedMetastore;
import org.runreplicator.metastore.HiveMetastore;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.metastore.RegisteredPartition;

/** The command line's metastore registration against a real embedded Hive Metastore 3.1.3: where it comes from, and failures. */
class MetastoreRegistrationIT {
    private static final String H2 = "jdbc:h2:mem:hms_cli;DB_CLOSE_DELAY=-1";
    private static EmbeddedMetastore metastore;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        metastore = EmbeddedMetastore.start(Files.createTempDirectory("cli-metastore"), Map.of());
        try (Connection c = DriverManager.getConnection(H2, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, amount DECIMAL(12,2), note VARCHAR(20))");
            s.execute("INSERT INTO sales.orders SELECT x, x / 4.0, 'n' || x FROM SYSTEM_RANGE(1, 500)");
            s.execute("CREATE SCHEMA site");
            s.execute("CREATE TABLE site.orders AS SELECT * FROM sales.orders");
            s.execute("CREATE SCHEMA drift");
            s.execute("CREATE TABLE drift.orders (id BIGINT PRIMARY KEY, qty INT)");
            s.execute("INSERT INTO drift.orders SELECT x, x FROM SYSTEM_RANGE(1, 10)");
        }
    }

    @AfterAll
    static void stop() {
        metastore.close();
    }

    @Test
    void aRunRegistersItsPartition_atTheCommittedVersion_withExactRowCount() throws Exception {
        Cli run = Cli.run(args("run", "sales", "--metastore", metastore.uri().toString(),
                "-D", "hive.metastore.client.socket.timeout=20s"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = summary(run);
        RegisteredPartition p = registered("sales", "2024-05-01");
        assertThat(p.location()).isEqualTo(summary.get("location").asText());
        assertThat(p.rows()).isEqualTo(500);
    }

    @Test
    void hiveSiteInHiveConfDir_isTheDefault() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("hive-conf"));
        Files.writeString(conf.resolve("hive-site.xml"), "<configuration><property><name>hive.metastore.uris</name><value>"
                + metastore.uri() + "</value></property></configuration>");

        Cli run = Cli.run(Map.of("HIVE_CONF_DIR", conf.toString()), args("run", "site", "--partition", "ds=2024-05-02"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(registered("site", "2024-05-02").location()).isEqualTo(summary(run).get("location").asText());
    }

    @Test
    void aMetastoreThatIsDown_failsTheRunWithExit4AndOneLine_beforeWritingAnything_withinItsBounds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Cli run = Cli.run(args("run", "sales", "--metastore", "thrift://127.0.0.1:" + port,
                "-D", "hive.metastore.client.socket.timeout=2s", "-D", "hive.metastore.connect.retries=2",
                "-D", "hive.metastore.client.connect.retry.delay=100ms"));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("replicator: Cannot connect to the Hive Metastore at thrift://127.0.0.1:" + port + ": ")
                .contains("Connection refused");
        assertThat(seconds).isLessThan(30);
        try (Stream<Path> written = Files.walk(temp)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void schemaDrift_failsWithExit2NamingTheColumns_orEvolves() throws Exception {
        assertThat(Cli.run(args("run", "drift", "--metastore", metastore.uri().toString())).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection(H2, "sa", ""); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE drift.orders ALTER COLUMN qty SET DATA TYPE BIGINT");
            s.execute("ALTER TABLE drift.orders ADD COLUMN region VARCHAR(4)");
        }

        Cli refused = Cli.run(args("run", "drift", "--metastore", metastore.uri().toString(), "--partition", "ds=2024-05-09"));
        Cli evolved = Cli.run(args("run", "drift", "--metastore", metastore.uri().toString(), "--partition", "ds=2024-05-09",
                "--schema-change", "evolve"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString()
                .contains("qty int -> bigint widened; region string added").contains("--schema-change evolve");
        assertThat(evolved.exitCode()).as(evolved.err()).isZero();
        assertThat(registered("drift", "2024-05-09").rows()).isEqualTo(10);
    }

    @Test
    void planShowsTheHiveDdlARunWouldIssue() {
        Cli plan = Cli.run(args("plan", "sales", "--metastore", "none"));

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Hive DDL, for no metastore")
                .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `sales`.`orders` (\n  `id` bigint,\n  `amount` decimal(12,2),\n  `note` string\n)")
                .contains("PARTITIONED BY (`ds` string)")
                .contains("ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'")
                .contains("ALTER TABLE `sales`.`orders` PARTITION (`ds`='2024-05-01') SET LOCATION '" + temp.toUri().toString()
                        .replaceFirst("^file:///", "file:/").replaceFirst("/$", "") + "/sales/orders/ds=2024-05-01/run-<runId>'");
    }

    private String[] args(String command, String db, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command, db, "orders", "--source-url", H2, "--source-user", "sa",
                "--target", temp.toUri().toString(), "--splits", "2"));
        args.addAll(List.of(more));
        if (!args.contains("--partition")) {
            args.addAll(List.of("--partition", "ds=2024-05-01"));
        }
        return args.toArray(new String[0]);
    }

    private static JsonNode summary(Cli run) throws Exception {
        List<String> lines = run.out().lines().toList();
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private static RegisteredPartition registered(String db, String value) {
        try (HiveMetastore hive = HiveMetastore.open(MetastoreOptions.builder().uris(List.of(metastore.uri())).build())) {
            return hive.partition(db, "orders", value).orElseThrow();
        }
    }
}
