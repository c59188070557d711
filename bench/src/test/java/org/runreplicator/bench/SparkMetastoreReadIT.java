package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark 3.5 (Dataproc 2.2/2.3's) reads a table the job jar copied and registered in a real Hive
 * Metastore 3.1.3, by name, through its own Hive client, in both Parquet flavours. Spark shows a
 * Hive TIMESTAMP in the session time zone: with {@code spark.sql.session.timeZone=UTC} the
 * wall-clock values read back exactly as the source held them, whatever the JVM's zone.
 */
class SparkMetastoreReadIT {
    private static final Path TARGET = Paths.get(System.getProperty("launcher.target"));
    private static final String SELECT = "SELECT id, CAST(amount AS STRING), CAST(rate AS STRING), CAST(big AS STRING),"
            + " CAST(placed AS STRING), CAST(placed_tz AS STRING), CAST(sold_on AS STRING), note, code FROM %s.orders"
            + " WHERE ds = '2024-05-01' ORDER BY id";
    private static final List<String> EXPECTED = List.of(
            "[1,1234567.89,12345678901234.5678,1234567890123456789012345678.0123456789,2024-03-10 02:30:00.123456,"
                    + "2024-03-10 02:30:00.5,2024-03-10,héllo,ab  ]",
            "[2,-9999999.99,-99999999999999.9999,-9999999999999999999999999999.9999999999,1900-01-01 00:00:00,"
                    + "1969-12-31 23:59:59.999999,1900-01-01,,x   ]",
            "[3,null,null,null,null,null,null,null,null]");

    private static Path work;
    private static Process metastore;
    private static String uri;
    private static SparkSession spark;

    @BeforeAll
    static void copyAndRegister() throws Exception {
        work = Files.createTempDirectory("spark-metastore");
        metastore = new ProcessBuilder(java(), "-cp", unshadedClasspath(), "org.runreplicator.metastore.EmbeddedMetastore",
                work.resolve("metastore").toString()).redirectError(work.resolve("metastore.log").toFile()).start();
        uri = new BufferedReader(new InputStreamReader(metastore.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(uri).startsWith("thrift://127.0.0.1:");
        for (String flavor : List.of("hive3", "modern")) {
            copy(flavor);
        }
        spark = SparkSession.builder().master("local[1]").appName("metastore-read")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.warehouse.dir", work.resolve("spark-warehouse").toUri().toString())
                .config("spark.hadoop.hive.metastore.uris", uri)
                .config("spark.sql.session.timeZone", "UTC")
                .enableHiveSupport().getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        if (metastore != null) {
            metastore.getOutputStream().close();
            if (!metastore.waitFor(20, TimeUnit.SECONDS)) {
                metastore.destroyForcibly();
            }
        }
    }

    @Test
    void sparkReadsTheHive3FlavourThroughTheMetastore_exactly_withAUtcSessionZone() {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("America/Los_Angeles");

        assertThat(rows("hive3")).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void sparkReadsTheModernFlavourThroughTheMetastore_exactly_withAUtcSessionZone() {
        assertThat(rows("modern")).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void withoutAUtcSessionZone_sparkShowsTimestampsInTheJvmZone_whichIsWhyUsersSetIt() {
        spark.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");
        try {
            assertThat(rows("hive3").get(0)).contains("2024-03-09 18:30:00.123456");
        } finally {
            spark.conf().set("spark.sql.session.timeZone", "UTC");
        }
    }

    @Test
    void sparkCountsFromTheRegisteredPartition() {
        assertThat(spark.sql("SELECT count(*) FROM hive3.orders WHERE ds = '2024-05-01'").first().getLong(0)).isEqualTo(3);
        assertThat(spark.sql("SHOW PARTITIONS hive3.orders").collectAsList()).extracting(Row::toString).containsExactly("[ds=2024-05-01]");
    }

    private static List<String> rows(String db) {
        List<String> rows = new ArrayList<>();
        for (Row row : spark.sql(String.format(SELECT, db)).collectAsList()) {
            rows.add(row.toString());
        }
        return rows;
    }

    private static void copy(String flavor) throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("source-" + flavor);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + flavor);
            s.execute("CREATE TABLE " + flavor + ".orders (id BIGINT PRIMARY KEY, amount DECIMAL(9,2), rate DECIMAL(18,4),"
                    + " big DECIMAL(38,10), placed TIMESTAMP(6), placed_tz TIMESTAMP(6) WITH TIME ZONE, sold_on DATE,"
                    + " note VARCHAR(20), code CHAR(4))");
            s.execute("INSERT INTO " + flavor + ".orders VALUES (1, 1234567.89, 12345678901234.5678,"
                    + " 1234567890123456789012345678.0123456789, TIMESTAMP '2024-03-10 02:30:00.123456',"
                    + " TIMESTAMP WITH TIME ZONE '2024-03-10 02:30:00.5+00:00', DATE '2024-03-10', 'héllo', 'ab')");
            s.execute("INSERT INTO " + flavor + ".orders VALUES (2, -9999999.99, -99999999999999.9999,"
                    + " -9999999999999999999999999999.9999999999, TIMESTAMP '1900-01-01 00:00:00',"
                    + " TIMESTAMP WITH TIME ZONE '1969-12-31 23:59:59.999999+00:00', DATE '1900-01-01', '', 'x')");
            s.execute("INSERT INTO " + flavor + ".orders (id) VALUES (3)");
        }
        Process copy = new ProcessBuilder(java(), "-cp", jobJarClasspath(), "org.runreplicator.cli.Replicator", "run", flavor, "orders",
                "--source-url", url, "--source-user", "sa", "--target", work.resolve("warehouse").toUri().toString(),
                "--partition", "ds=2024-05-01", "--metastore", uri, "--parquet-flavor", flavor)
                .redirectOutput(work.resolve("copy-" + flavor + ".out").toFile())
                .redirectError(work.resolve("copy-" + flavor + ".err").toFile()).start();
        assertThat(copy.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(copy.exitValue()).as(Files.readString(work.resolve("copy-" + flavor + ".err"))).isZero();
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The job jar as a cluster runs it. */
    private static String jobJarClasspath() throws Exception {
        return TARGET.resolve("replicator-launcher-0.1.0-SNAPSHOT.jar") + File.pathSeparator
                + Files.readString(TARGET.resolve("provided.classpath")).trim();
    }

    /** The launcher's unshaded classes, for the embedded metastore server (as bin/replicator runs the demo). */
    private static String unshadedClasspath() throws Exception {
        return TARGET.resolve("classes") + File.pathSeparator + Files.readString(TARGET.resolve("runtime.classpath")).trim()
                + File.pathSeparator + Files.readString(TARGET.resolve("provided.classpath")).trim();
    }
}
