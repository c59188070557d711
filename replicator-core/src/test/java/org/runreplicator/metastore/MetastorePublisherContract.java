package org.runreplicator.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.commit.VersionPublisher;
import org.runreplicator.run.CommittedRunException;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.TestStore;

/**
 * The metastore registration's contract, run against a real Hive Metastore 3.1.3 (embedded Derby,
 * Thrift on a loopback port, one per test class) with each store as the warehouse: what a reader
 * through the metastore finds after a copy, a replace, failures before and at the switch, schema
 * drift, and concurrent runs of different partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetastorePublisherContract {
    private static final int ROWS = 2_000;

    @TempDir
    Path local;
    private Path metastoreDir;
    private MetastoreServer metastore;
    private TestStore store;
    private String h2Url;
    private TableRef table;

    abstract TestStore newStore();

    /** Settings the metastore server needs to reach the store (it checks and creates locations). */
    abstract Map<String, String> serverSettings();

    /** A running metastore server: its Thrift URI, stopped by close. */
    interface MetastoreServer extends AutoCloseable {
        URI uri();

        @Override
        void close();
    }

    /** The server under test: Hive 3.1.3 embedded in this JVM unless a binding says otherwise. */
    MetastoreServer startServer(Path dir, Map<String, String> settings) {
        EmbeddedMetastore embedded = EmbeddedMetastore.start(dir, settings);
        return new MetastoreServer() {
            @Override
            public URI uri() {
                return embedded.uri();
            }

            @Override
            public void close() {
                embedded.close();
            }
        };
    }

    @BeforeAll
    void startMetastore() throws Exception {
        metastoreDir = Files.createTempDirectory("metastore");
        metastore = startServer(metastoreDir, serverSettings());
    }

    @AfterAll
    void stopMetastore() {
        metastore.close();
    }

    @BeforeEach
    void createSource() throws Exception {
        store = newStore();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        table = new TableRef("sales_" + suffix, "orders");
        h2Url = "jdbc:h2:mem:hms" + suffix + ";DB_CLOSE_DELAY=-1";
        sql("CREATE SCHEMA " + table.database(),
                "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, qty INT, amount DECIMAL(12,2), note VARCHAR(40), at TIMESTAMP)",
                "INSERT INTO " + table + " SELECT x, CAST(x % 7 AS INT), x / 100.0, 'order ' || x,"
                        + " TIMESTAMP '2024-03-10 02:30:00' + x * INTERVAL '1' MINUTE FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }

    @Test
    void aRunCreatesDatabaseTableAndPartition_whoseFilesHoldExactlyTheSourceRows() throws Exception {
        RunSummary summary = copy("ds=2024-05-01", null, SchemaChangePolicy.FAIL);

        try (Hms hms = client()) {
            Database db = hms.client().getDatabase(table.database());
            assertThat(db.getLocationUri()).endsWith("/" + table.database());
            Table t = hms.client().getTable(table.database(), "orders");
            assertThat(t.getTableType()).isEqualTo("EXTERNAL_TABLE");
            assertThat(t.getParameters()).containsEntry("EXTERNAL", "TRUE").containsEntry("external.table.purge", "false")
                    .containsEntry(HiveParameters.RUN_ID, summary.runId);
            assertThat(t.getParameters().get(HiveParameters.SOURCE_TABLE)).isEqualToIgnoringCase(table.toString());
            assertThat(t.getSd().getSerdeInfo().getSerializationLib()).isEqualTo(HiveTableSpec.SERDE);
            assertThat(t.getSd().getInputFormat()).isEqualTo(HiveTableSpec.INPUT_FORMAT);
            assertThat(t.getSd().getOutputFormat()).isEqualTo(HiveTableSpec.OUTPUT_FORMAT);
            assertThat(HiveColumn.of(t.getSd().getCols())).hasToString(
                    "[id bigint, qty int, amount decimal(12,2), note string, at timestamp]");
            assertThat(HiveColumn.of(t.getPartitionKeys())).hasToString("[ds string]");

            Partition p = hms.client().getPartition(table.database(), "orders", List.of("2024-05-01"));
            assertThat(p.getSd().getLocation()).isEqualTo(summary.location);
            CommittedVersion version = current("ds=2024-05-01");
            assertThat(p.getParameters())
                    .containsEntry(HiveParameters.NUM_ROWS, Long.toString(ROWS))
                    .containsEntry(HiveParameters.NUM_FILES, Integer.toString(version.manifest().files.size()))
                    .containsEntry(HiveParameters.TOTAL_SIZE, Long.toString(version.manifest().bytes))
                    .containsEntry(HiveParameters.RUN_ID, summary.runId)
                    .containsEntry(HiveParameters.JOB_ID, "job-1");
            assertThat(p.getParameters().get(HiveParameters.SOURCE_TABLE)).isEqualToIgnoringCase(table.toString());
        }
        assertThat(readThroughMetastore("2024-05-01")).containsExactly(List.of((long) ROWS, (long) ROWS * (ROWS + 1) / 2));
    }

    @Test
    void aSecondRunReplacesThePartition_andReadersAlwaysFindOneWholeVersion() throws Exception {
        RunSummary first = copy("ds=2024-05-01", null, SchemaChangePolicy.FAIL);
        List<String> seen = new ArrayList<>();
        Thread poller = new Thread(() -> poll("2024-05-01", seen));
        poller.start();
        RunSummary second;
        try {
            second = copy("ds=2024-05-01", "id <= 100", SchemaChangePolicy.FAIL);
        } finally {
            poller.interrupt();
            poller.join();
        }

        assertThat(readThroughMetastore("2024-05-01")).containsExactly(List.of(100L, 5050L));
        assertThat(partition("2024-05-01").getParameters()).containsEntry(HiveParameters.NUM_ROWS, "100");
        // The location is one column of one row: readers find the previous version or the new one, never none. (The
        // statistics are other rows, and the metastore reads under READ COMMITTED: a reader may pair one version's
        // location with the other's numRows for an instant. Engines read the location; the data is never mixed.)
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(first.location, second.location));
        assertThat(fs().exists(new org.apache.hadoop.fs.Path(first.location))).isFalse();
    }

    @Test
    void aRunFailingBeforeTheSwitch_leavesTheOldPartitionServedAndItsDataIntact() throws Exception {
        RunSummary first = copy("ds=2024-05-01", "id <= 1000", SchemaChangePolicy.FAIL);

        assertThatThrownBy(() -> copy("ds=2024-05-01", "CAST(CASE WHEN id = 1500 THEN 'x' ELSE '1' END AS INT) = 1",
                SchemaChangePolicy.FAIL))
                .isInstanceOf(ReplicatorException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE));

        assertThat(partition("2024-05-01").getSd().getLocation()).isEqualTo(first.location);
        assertThat(readThroughMetastore("2024-05-01")).containsExactly(List.of(1000L, 500500L));
    }

    @Test
    void aSwitchWhoseOutcomeIsUnknown_deletesNothing_andTheNextRunFinishesIt() throws Exception {
        RunSummary first = copy("ds=2024-05-01", "id <= 1000", SchemaChangePolicy.FAIL);

        // The metastore takes the switch but the answer is lost: the run cannot tell which version it serves.
        assertThatThrownBy(() -> copyWith("ds=2024-05-01", "id <= 10", SchemaChangePolicy.FAIL, real -> new VersionPublisher() {
            @Override
            public void publish(CommittedVersion version) throws Exception {
                real.publish(version);
                throw new java.net.SocketTimeoutException("Read timed out (injected after the switch)");
            }

            @Override
            public String describe() {
                return real.describe();
            }
        })).isInstanceOf(CommittedRunException.class).hasMessageContaining("still serves the previous version, which is kept");

        assertThat(fs().exists(new org.apache.hadoop.fs.Path(first.location))).as("previous version kept").isTrue();
        assertThat(readThroughMetastore("2024-05-01")).containsExactly(List.of(10L, 55L));

        RunSummary third = copy("ds=2024-05-01", "id <= 20", SchemaChangePolicy.FAIL);
        assertThat(readThroughMetastore("2024-05-01")).containsExactly(List.of(20L, 210L));
        assertThat(fs().exists(new org.apache.hadoop.fs.Path(first.location))).as("swept by the next run").isFalse();
        assertThat(partition("2024-05-01").getSd().getLocation()).isEqualTo(third.location);
    }

    @Test
    void schemaDrift_failsByDefault_namingEveryColumn_andWritesNothing() throws Exception {
        RunSummary first = copy("ds=2024-05-01", null, SchemaChangePolicy.FAIL);
        sql("ALTER TABLE " + table + " ALTER COLUMN qty SET DATA TYPE BIGINT",
                "ALTER TABLE " + table + " ALTER COLUMN amount SET DATA TYPE DECIMAL(14,2)",
                "ALTER TABLE " + table + " ADD COLUMN region VARCHAR(10) DEFAULT 'eu'");

        assertThatThrownBy(() -> copy("ds=2024-05-01", null, SchemaChangePolicy.FAIL))
                .isInstanceOf(ReplicatorException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.USAGE))
                .hasMessageContaining("qty int -> bigint widened")
                .hasMessageContaining("amount decimal(12,2) -> decimal(14,2) widened")
                .hasMessageContaining("region string added")
                .hasMessageContaining("--schema-change evolve")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(partition("2024-05-01").getSd().getLocation()).isEqualTo(first.location);
        assertThat(current("ds=2024-05-01").manifest().runId).isEqualTo(first.runId);
    }

    @Test
    void schemaDrift_evolveAppendsAndWidens_cascadingToEarlierPartitions_butStillRefusesDrops() throws Exception {
        copy("ds=2024-05-01", null, SchemaChangePolicy.FAIL);
        sql("ALTER TABLE " + table + " ALTER COLUMN qty SET DATA TYPE BIGINT",
                "ALTER TABLE " + table + " ADD COLUMN region VARCHAR(10) DEFAULT 'eu'");

        RunSummary evolved = copy("ds=2024-05-02", null, SchemaChangePolicy.EVOLVE);

        assertThat(HiveColumn.of(table().getSd().getCols())).hasToString(
                "[id bigint, qty bigint, amount decimal(12,2), note string, at timestamp, region string]");
        assertThat(HiveColumn.of(partition("2024-05-01").getSd().getCols())).hasToString(
                "[id bigint, qty bigint, amount decimal(12,2), note string, at timestamp, region string]");
        assertThat(partition("2024-05-02").getSd().getLocation()).isEqualTo(evolved.location);

        sql("ALTER TABLE " + table + " DROP COLUMN note");
        assertThatThrownBy(() -> copy("ds=2024-05-03", null, SchemaChangePolicy.EVOLVE))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("note string dropped")
                .hasMessageContaining("only appended columns and safe widenings");
    }

    @Test
    void twentyConcurrentRunsOfDifferentPartitions_allRegistered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<RunSummary>> runs = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            String ds = String.format("ds=2024-06-%02d", day);
            String where = "id <= " + day;
            runs.add(pool.submit(() -> copy(ds, where, SchemaChangePolicy.FAIL)));
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Future<RunSummary> run : runs) {
            summaries.add(run.get());
        }
        pool.shutdown();

        try (Hms hms = client()) {
            List<Partition> partitions = hms.client().listPartitions(table.database(), "orders", (short) -1);
            assertThat(partitions).hasSize(20);
            for (int day = 1; day <= 20; day++) {
                Partition p = hms.client().getPartition(table.database(), "orders", List.of(String.format("2024-06-%02d", day)));
                assertThat(p.getSd().getLocation()).isEqualTo(summaries.get(day - 1).location);
                assertThat(p.getParameters()).containsEntry(HiveParameters.NUM_ROWS, Integer.toString(day));
            }
        }
    }

    private RunSummary copy(String partition, String where, SchemaChangePolicy policy) {
        return copyWith(partition, where, policy, real -> real);
    }

    private RunSummary copyWith(String partition, String where, SchemaChangePolicy policy,
            java.util.function.UnaryOperator<VersionPublisher> wrap) {
        PartitionSpec spec = PartitionSpec.parse(partition);
        RunOptions options = RunOptions.builder()
                .table(table)
                .sourceUrl(h2Url)
                .sourceUser("sa")
                .target(store.target())
                .partition(spec)
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(2)
                .maxConnections(2)
                .maxAttempts(1)
                .where(where)
                .jobId("job-1")
                .build();
        TableLocation location = TableLocation.of(store.target(), table);
        try (HiveMetastore hive = HiveMetastore.open(options(policy))) {
            VersionPublisher publisher = wrap.apply(hive.publisher(table, location, spec.key()));
            return new TableCopy(options, store.conf())
                    .withCatalogTable(hive.table(table, location, spec.key(), store.conf()))
                    .withCommitProtocol(CommitProtocols.forTable(store.target(), table, store.conf(), List.of(publisher),
                            Clock.systemUTC()))
                    .run(ProgressListener.NONE);
        }
    }

    private MetastoreOptions options(SchemaChangePolicy policy) {
        return MetastoreOptions.builder().uris(List.of(metastore.uri())).schemaChange(policy).build();
    }

    /** A plain metastore client, as any reader has; Hive 3.1's is not AutoCloseable. */
    private record Hms(IMetaStoreClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private Hms client() {
        return new Hms(MetastoreConnector.connect(options(SchemaChangePolicy.FAIL)));
    }

    private Table table() throws Exception {
        try (Hms hms = client()) {
            return hms.client().getTable(table.database(), "orders");
        }
    }

    private Partition partition(String value) throws Exception {
        try (Hms hms = client()) {
            return hms.client().getPartition(table.database(), "orders", List.of(value));
        }
    }

    /** What a reader through the metastore finds: the files at the partition's location, counted and summed. */
    private List<List<Object>> readThroughMetastore(String value) throws Exception {
        org.apache.hadoop.fs.Path location = new org.apache.hadoop.fs.Path(partition(value).getSd().getLocation());
        Path copy = Files.createTempDirectory(local, "hms");
        fs().copyToLocalFile(location, new org.apache.hadoop.fs.Path(copy.toUri()));
        return ParquetReadback.query(copy, "count(*) AS n, CAST(sum(id) AS BIGINT) AS s", "n").rows();
    }

    private void poll(String value, List<String> seen) {
        try (Hms hms = client()) {
            while (!Thread.currentThread().isInterrupted()) {
                Partition p = hms.client().getPartition(table.database(), "orders", List.of(value));
                synchronized (seen) {
                    seen.add(p.getSd().getLocation());
                }
            }
        } catch (Exception e) {
            if (!(e instanceof InterruptedException) && !Thread.currentThread().isInterrupted()) {
                synchronized (seen) {
                    seen.add("failed: " + e);
                }
            }
        }
    }

    private CommittedVersion current(String partition) throws Exception {
        return CommittedVersion.current(fs(), TableLocation.of(store.target(), table), PartitionSpec.parse(partition)).orElseThrow();
    }

    private FileSystem fs() throws Exception {
        return FileSystem.get(URI.create(store.target().toString()), store.conf());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(h2Url, "sa", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
