package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.metastore.EmbeddedMetastore;
import org.runreplicator.metastore.HiveMetastore;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.metastore.RegisteredPartition;
import org.runreplicator.testing.BigQueryEmulator;

/** The job jar as a cluster runs it: the shaded jar plus the Hadoop client jars the cluster provides, in a fresh JVM. */
class ShadedJarIT {
    @TempDir
    Path dir;

    private static JobJar.Outcome replicator(String... args) throws IOException, InterruptedException {
        return JobJar.run(List.of(), Map.of(), Duration.ofSeconds(60), args);
    }

    /** An H2 file database holding SALES.ORDERS (ID 1..rows and one more column), as a source URL. */
    private String salesOrders(String name, String column, String value, int rows) throws Exception {
        String source = "jdbc:h2:file:" + dir.resolve(name);
        try (Connection c = DriverManager.getConnection(source); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA SALES");
            s.execute("CREATE TABLE SALES.ORDERS (ID BIGINT PRIMARY KEY, " + column + ")");
            s.execute("INSERT INTO SALES.ORDERS SELECT X, " + value + " FROM SYSTEM_RANGE(1, " + rows + ")");
        }
        return source;
    }

    @Test
    void helpRunsFromTheShadedJar() throws Exception {
        JobJar.Outcome result = replicator("run", "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: replicator run").contains("--source-password-file");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void usageErrorIsOneLineAndStatus2_andVerboseDetailGoesThroughTheBundledLogback() throws Exception {
        JobJar.Outcome quiet = replicator("run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "file:///out", "--engine", "spark");
        JobJar.Outcome verbose = replicator("run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "file:///out", "--engine", "spark",
                "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(2);
        assertThat(quiet.out()).startsWith("{\"status\":\"FAILED\",\"failure\":\"USAGE\",\"exitCode\":2,");
        assertThat(quiet.err().lines()).containsExactly("replicator: Invalid --engine 'spark': expected local or mapreduce");
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG Replicator: Failure detail:")
                .doesNotContain("SLF4J");
    }

    @Test
    void demoRecordsIntoAnEmbeddedLedger_andLedgerPrintsItsRows() throws Exception {
        String ledger = "embedded:" + dir.resolve("ledger");

        JobJar.Outcome demo = JobJar.run(List.of(), Map.of(), Duration.ofSeconds(120), "demo", "--rows", "2000", "--splits", "2",
                "--target", dir.resolve("demo").toUri().toString(), "--ledger", ledger, "--metastore", "none");
        JobJar.Outcome shown = replicator("ledger", "dev1_groupondw", "ref_attr_class_dev", "--ledger", ledger);

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Ledger rows for dev1_groupondw.ref_attr_class_dev in " + ledger + " table run_ledger:");
        assertThat(demo.lastLine()).startsWith("{\"status\":\"SUCCEEDED\"");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Ledger rows for dev1_groupondw.ref_attr_class_dev").containsPattern("GCP +last_modified_at")
                .containsPattern("SUCCEEDED +\\S+ +rr-\\S+ +no on-prem run \\(GCP succeeded\\)");
    }

    @Test
    void everyClassInTheJobJarIsJava11Bytecode_soDataproc22sJava11RunsIt() throws Exception {
        List<String> newer = new ArrayList<>();
        int classes = 0;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JobJar.JAR.toFile())) {
            for (java.util.jar.JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/versions/")) {
                    continue;
                }
                try (java.io.DataInputStream in = new java.io.DataInputStream(jar.getInputStream(entry))) {
                    in.readInt();
                    in.readUnsignedShort();
                    int major = in.readUnsignedShort();
                    classes++;
                    if (major > 55) {
                        newer.add(entry.getName() + " (class file " + major + ")");
                    }
                }
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(newer).isEmpty();
    }

    @Test
    void aMapReduceRunAsHadoopJarRunsIt_withGenericOptionsBeforeTheCommand_onHadoopsLocalRunner() throws Exception {
        String source = salesOrders("mr-source", "NOTE VARCHAR(20)", "'order ' || X", 5000);
        Path out = dir.resolve("mr-out");

        // As `hadoop jar replicator.jar -D k=v run ...` runs it: ToolRunner's generic options first, the command's own after.
        JobJar.Outcome run = JobJar.run(List.of(), Map.of(), Duration.ofSeconds(180),
                "-D", "mapreduce.framework.name=local", "run", "SALES", "ORDERS", "--source-url", source,
                "--target", out.toUri().toString(), "--partition", "ds=2024-05-01", "--engine", "mapreduce",
                "--split-method", "range", "--split-by", "ID", "--splits", "4", "--metastore", "none",
                "-D", "mapreduce.job.queuename=default");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lastLine()).contains("\"rows\":5000", "\"engine\":\"mapreduce\"", "\"applicationId\":\"application_local");
        assertThat(run.err()).contains("Submitted MapReduce job job_local");
        assertThat(org.runreplicator.testing.ParquetReadback.query(out.resolve("SALES/ORDERS/ds=2024-05-01".toLowerCase()),
                "count(*) AS n, count(DISTINCT id) AS d", "n").rows()).containsExactly(List.of(5000L, 5000L));
    }

    /**
     * Dataproc 3.0 runs Hadoop 3.5 on Java 21: the job jar on Hadoop 3.5.0's client jars, under the
     * newest JDK this machine has ({@code REPLICATOR_NEWEST_JAVA}, found by bin/test; else this one).
     */
    @Test
    void aMapReduceRunOnHadoop35sClientJars_underTheNewestJdkHere() throws Exception {
        String source = salesOrders("h35-source", "AMOUNT DECIMAL(12,2)", "X / 4.0", 5000);
        List<String> hadoop35 = new ArrayList<>();
        try (java.util.stream.Stream<Path> jars = Files.list(JobJar.TARGET.resolve("hadoop-3.5"))) {
            jars.map(jar -> jar.toAbsolutePath().toString()).sorted().forEach(hadoop35::add);
        }
        assertThat(hadoop35).anyMatch(jar -> jar.endsWith("hadoop-client-api-3.5.0.jar"));
        String newest = System.getenv("REPLICATOR_NEWEST_JAVA");
        Path java = newest == null || newest.isBlank() ? Paths.get(System.getProperty("java.home"), "bin", "java") : Paths.get(newest);
        Path out = dir.resolve("h35-out");

        JobJar.Outcome run = JobJar.run(java, JobJar.JAR.toAbsolutePath() + File.pathSeparator + String.join(File.pathSeparator, hadoop35),
                List.of(), Map.of(), Duration.ofSeconds(180), "-D", "mapreduce.framework.name=local", "run", "SALES", "ORDERS",
                "--source-url", source, "--target", out.toUri().toString(), "--partition", "ds=2024-05-01", "--engine", "mapreduce",
                "--split-method", "range", "--split-by", "ID", "--splits", "4", "--metastore", "none");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lastLine()).contains("\"rows\":5000", "\"engine\":\"mapreduce\"");
        assertThat(org.runreplicator.testing.ParquetReadback.query(out.resolve("sales/orders/ds=2024-05-01"),
                "count(DISTINCT id) AS d, sum(amount) = 3125625 AS exact", "d").rows()).containsExactly(List.of(5000L, true));
    }

    @Test
    void aRunRecordsItselfInBigQuery_throughTheRelocatedClient_underTheDataprocJobIdFromTheDriversSystemProperties() throws Exception {
        BigQueryEmulator emulator = BigQueryEmulator.shared();
        String source = salesOrders("source", "NOTE VARCHAR(20)", "'order ' || X", 1000);
        String ledger = "bigquery:" + BigQueryEmulator.PROJECT + "." + BigQueryEmulator.DATASET + ".jar_ledger";
        Map<String, String> env = Map.of("BIGQUERY_EMULATOR_HOST", emulator.host());

        JobJar.Outcome run = JobJar.run(List.of("-Dspark.yarn.tags=dataproc_hash_1,dataproc_job_0a1b2c3d"), env, Duration.ofSeconds(120),
                "run", "SALES", "ORDERS", "--source-url", source, "--target", dir.resolve("out").toUri().toString(),
                "--td-timestamp", "2024-05-01T02:00:00Z", "--ledger", ledger, "--ledger-create");
        JobJar.Outcome shown = JobJar.run(List.of(), env, Duration.ofSeconds(60), "ledger", "SALES", "ORDERS", "--ledger", ledger);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lastLine()).contains("\"rows\":1000", "\"jobId\":\"0a1b2c3d\"", "\"tdTimestamp\":\"2024-05-01T02:00:00Z\"");
        assertThat(run.err().lines().findFirst().orElse("")).contains("job 0a1b2c3d from Dataproc YARN tag in system property spark.yarn.tags",
                "ledger " + ledger);
        assertThat(run.err()).contains("is RUNNING (job 0a1b2c3d)", "is SUCCEEDED (job 0a1b2c3d)");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).containsPattern("2024-05-01T02:00:00Z +- +- +- +SUCCEEDED +\\S+ +0a1b2c3d +no on-prem run \\(GCP succeeded\\)");
    }

    @Test
    void aRunRegistersItsPartition_throughTheRelocatedMetastoreClient_withReadersClassNamesIntact() throws Exception {
        String source = salesOrders("hms-source", "AMOUNT DECIMAL(12,2)", "X / 8.0", 300);
        try (EmbeddedMetastore metastore = EmbeddedMetastore.start(Files.createTempDirectory(dir, "hms"), Map.of())) {
            JobJar.Outcome run = JobJar.run(List.of(), Map.of(), Duration.ofSeconds(120), "run", "SALES", "ORDERS",
                    "--source-url", source, "--target", dir.resolve("out").toUri().toString(), "--partition", "ds=2024-05-01",
                    "--metastore", metastore.uri().toString(), "-D", "hive.metastore.client.socket.timeout=30s");

            assertThat(run.exitCode()).as(run.err()).isZero();
            try (HiveMetastore hive = HiveMetastore.open(MetastoreOptions.builder().uris(List.of(metastore.uri())).build())) {
                RegisteredPartition p = hive.partition("sales", "orders", "2024-05-01").orElseThrow();
                assertThat(p.rows()).isEqualTo(300);
                assertThat(run.lastLine()).contains("\"location\":\"" + p.location() + "\"");
            }
            assertThat(run.err()).contains("Created Hive table sales.orders");
            assertThat(Files.readString(dir.resolve("out").resolve("sales/orders/ds=2024-05-01").resolve(
                    "_commits/0000000001.json"))).contains("\"rows\" : 300");
        }
    }

    @Test
    void jdbcDriversAndLoggingConfigurationLoadFromTheShadedJar() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : JobJar.classpath().split(File.pathSeparator)) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            List<String> drivers = new ArrayList<>();
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                drivers.add(driver.getClass().getName());
            }
            assertThat(drivers).contains("org.h2.Driver", "org.postgresql.Driver", "com.teradata.jdbc.TeraDriver", "com.mysql.cj.jdbc.Driver");
            assertThat(loader.loadClass("org.runreplicator.shaded.com.google.cloud.bigquery.BigQueryOptions")).isNotNull();
            assertThat(loader.getResource("com/google/common/collect/ImmutableList.class")).as("unrelocated Guava").isNull();
            assertThat(loader.getResource("com/google/protobuf/Message.class")).as("unrelocated Protobuf").isNull();
            assertThat(new String(loader.getResourceAsStream("logback.xml").readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<logger name=\"org.runreplicator\" level=\"INFO\"/>");
            assertThat(loader.loadClass("org.runreplicator.shaded.parquet.hadoop.ParquetWriter")).isNotNull();
            assertThat(loader.loadClass("org.runreplicator.shaded.hive.metastore.RetryingMetaStoreClient")).isNotNull();
            assertThat(loader.getResource("org/apache/hadoop/hive/metastore/IMetaStoreClient.class")).as("unrelocated Hive").isNull();
            assertThat(loader.getResource("org/apache/thrift/TException.class")).as("unrelocated Thrift").isNull();
        }
    }
}
