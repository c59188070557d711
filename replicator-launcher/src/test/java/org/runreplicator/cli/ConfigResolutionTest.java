package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.parquet.DictionaryColumns;
import org.runreplicator.run.RunOptions;
import org.runreplicator.split.SplitMethod;
import org.slf4j.LoggerFactory;

class ConfigResolutionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T02:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static CopySettings resolve(Map<String, String> env, String... args) {
        return Replicator.resolve(args, env, CLOCK);
    }

    @Test
    void tooManySplitsAreCappedAtSixtyFourPerConnection_withANote() {
        List<ILoggingEvent> logged = captureLog();
        CopySettings settings = resolve(Map.of(), Cli.copyArgs("run", "sales", "orders", "--splits", "100000", "--max-connections", "4"));

        assertThat(settings.runOptions().split().splits()).isEqualTo(256);
        assertThat(logged).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .isEqualTo("Planning 256 splits instead of --splits 100000: at most 64 per source connection (--max-connections 4)");
    }

    @Test
    void aPartitionOnAnotherDayThanTheTdTimestamp_isWrittenAsAsked_withOneWarningLine() {
        List<ILoggingEvent> logged = captureLog();
        CopySettings settings = resolve(Map.of(), Cli.copyArgs("run", "sales", "orders", "--partition", "ds=2024-04-30",
                "--td-timestamp", "2024-05-01T00:30:00Z"));

        assertThat(settings.runOptions().partition().toString()).isEqualTo("ds=2024-04-30");
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo(
                    "Writing partition ds=2024-04-30 although --td-timestamp 2024-05-01T00:30:00Z falls on 2024-05-01 (UTC)");
        });
    }

    @Test
    void planNeedsNoTarget() {
        assertThat(resolve(Map.of(), "plan", "sales", "orders", "--source-url", "jdbc:h2:mem:x").runOptions().target()).isNull();
    }

    private static List<ILoggingEvent> captureLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(CopySettings.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender.list;
    }

    @Test
    void defaultsAreThoseDocumented_whenOnlySourceAndTargetAreGiven() {
        CopySettings settings = resolve(Map.of(), Cli.copyArgs("run", "sales", "orders"));
        RunOptions o = settings.runOptions();

        assertThat(o.table().toString()).isEqualTo("sales.orders");
        assertThat(o.sourceUrl()).isEqualTo("jdbc:h2:mem:cli_test");
        assertThat(o.target().toString()).isEqualTo("file:///data/out");
        assertThat(o.sourceUser()).isNull();
        assertThat(o.sourcePassword()).isNull();
        assertThat(o.split().method()).isEqualTo(SplitMethod.AUTO);
        assertThat(o.split().splitBy()).isNull();
        assertThat(o.split().splits()).isEqualTo(4);
        assertThat(o.split().userWhere()).isNull();
        assertThat(o.maxConnections()).isEqualTo(4);
        assertThat(o.fetchSize()).isEqualTo(10_000);
        assertThat(o.maxAttempts()).isEqualTo(3);
        assertThat(o.trimChar()).isFalse();
        assertThat(o.columnTypeOverrides()).isEmpty();
        assertThat(o.connectionProperties()).isEmpty();
        assertThat(o.writer().codec()).isEqualTo(CompressionCodecName.SNAPPY);
        assertThat(o.writer().targetFileBytes()).isEqualTo(256L << 20);
        assertThat(o.writer().rowGroupBytes()).isEqualTo(64 << 20);
        assertThat(o.writer().dictionary()).isEqualTo(DictionaryColumns.STRINGS);
        assertThat(o.tdTimestamp()).isNull();
        assertThat(o.partition().pathComponent()).isEqualTo("ds=2024-05-01");
        assertThat(o.jobId()).matches("rr-20240501T023000Z-[0-9a-f]{8}");
        assertThat(settings.runOptions().environment()).isEqualTo("GCP");
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.jobIdOrigin()).isEqualTo("generated");
        assertThat(settings.ledger().spec().kind()).isEqualTo(LedgerSpec.Kind.NONE);
        assertThat(settings.ledger().table()).isEqualTo("run_ledger");
        assertThat(settings.ledger().createTable()).isFalse();
        assertThat(settings.ledger().optional()).isFalse();
        assertThat(settings.ledger().bigQueryEmulatorHost()).isNull();
        assertThat(settings.ledger().retry().maxAttempts()).isEqualTo(10);
        assertThat(settings.ledger().retry().deadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.ledger().callTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ledgerOptionsResolve_theEmulatorHostFromTheEnvironment_andAPasswordInsideTheUrlBecomesASecret() {
        CopySettings bigQuery = resolve(Map.of("BIGQUERY_EMULATOR_HOST", "127.0.0.1:9050"),
                Cli.copyArgs("run", "db", "t", "--ledger", "bigquery:my-project.ops.run_ledger", "--ledger-create", "--ledger-optional"));
        CopySettings jdbc = resolve(Map.of("REPLICATOR_LEDGER", "jdbc:postgresql://db/ops?user=etl&password=Hunter2"),
                Cli.copyArgs("run", "db", "t", "--ledger-table", "ops.ledger"));

        assertThat(bigQuery.ledger().spec().bigQueryTable().toString()).isEqualTo("my-project.ops.run_ledger");
        assertThat(bigQuery.ledger().bigQueryEmulatorHost()).isEqualTo("127.0.0.1:9050");
        assertThat(bigQuery.ledger().createTable()).isTrue();
        assertThat(bigQuery.ledger().optional()).isTrue();
        assertThat(jdbc.ledger().spec().kind()).isEqualTo(LedgerSpec.Kind.JDBC);
        assertThat(jdbc.ledger().table()).isEqualTo("ops.ledger");
        assertThat(jdbc.ledger().spec().toString()).isEqualTo("jdbc:postgresql://db/ops?user=etl&password=****");
    }

    @Test
    void commandLineWinsOverEnvironment_whichWinsOverConfigFile_whichWinsOverDefault() throws IOException {
        Path config = write("replicator.properties",
                "splits=7\nfetch-size=500\nmax-connections=9\ncompression=zstd\nsource-user=from_file\n");
        Map<String, String> env = Map.of("REPLICATOR_SPLITS", "6", "REPLICATOR_FETCH_SIZE", "600", "REPLICATOR_SOURCE_USER", "from_env");

        RunOptions o = resolve(env, Cli.copyArgs("run", "db", "t", "--config", config.toString(), "--splits", "5")).runOptions();

        assertThat(o.split().splits()).as("command line").isEqualTo(5);
        assertThat(o.fetchSize()).as("environment over file").isEqualTo(600);
        assertThat(o.sourceUser()).as("environment over file").isEqualTo("from_env");
        assertThat(o.maxConnections()).as("file over default").isEqualTo(9);
        assertThat(o.writer().codec()).as("file over default").isEqualTo(CompressionCodecName.ZSTD);
        assertThat(o.maxAttempts()).as("default").isEqualTo(3);
    }

    @Test
    void everyOptionCanComeFromTheEnvironment_includingSourceAndTarget() {
        Map<String, String> env = Map.of(
                "REPLICATOR_SOURCE_URL", "jdbc:postgresql://db:5432/wh",
                "REPLICATOR_TARGET", "gs://bucket/prefix",
                "REPLICATOR_TRIM_CHAR", "true",
                "REPLICATOR_SPLIT_METHOD", "hash",
                "REPLICATOR_TD_TIMESTAMP", "2024-04-30T23:15:00Z",
                "REPLICATOR_ENVIRONMENT", "ONPREM",
                "REPLICATOR_PROGRESS_INTERVAL", "30");

        CopySettings settings = resolve(env, "plan", "db", "t");
        RunOptions o = settings.runOptions();

        assertThat(o.sourceUrl()).isEqualTo("jdbc:postgresql://db:5432/wh");
        assertThat(o.target().toString()).isEqualTo("gs://bucket/prefix");
        assertThat(o.trimChar()).isTrue();
        assertThat(o.split().method()).isEqualTo(SplitMethod.HASH);
        assertThat(o.tdTimestamp()).isEqualTo(Instant.parse("2024-04-30T23:15:00Z"));
        assertThat(o.partition().pathComponent()).as("default partition follows --td-timestamp").isEqualTo("ds=2024-04-30");
        assertThat(settings.runOptions().environment()).isEqualTo("ONPREM");
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void configFileCanBeNamedByTheEnvironment_andHoldRepeatableOptionsAsLists() throws IOException {
        Path config = write("c.properties", "source-url=jdbc:teradata://td/DATABASE=x\ntarget=hdfs://nn/warehouse\n"
                + "map-column=AMOUNT=DECIMAL(18,4),NOTE=STRING\nconnection-property=TMODE=ANSI,CHARSET=UTF8\n"
                + "target-file-size=128m\nrow-group-size=16m\nwhere=region = 'EU'\ndictionary=all\n");

        RunOptions o = resolve(Map.of("REPLICATOR_CONFIG", config.toString()), "run", "db", "t").runOptions();

        assertThat(o.sourceUrl()).isEqualTo("jdbc:teradata://td/DATABASE=x");
        assertThat(o.target().toString()).isEqualTo("hdfs://nn/warehouse");
        assertThat(o.columnTypeOverrides()).containsOnly(Map.entry("AMOUNT", "DECIMAL(18,4)"), Map.entry("NOTE", "STRING"));
        assertThat(o.connectionProperties()).containsOnly(Map.entry("TMODE", "ANSI"), Map.entry("CHARSET", "UTF8"));
        assertThat(o.writer().targetFileBytes()).isEqualTo(128L << 20);
        assertThat(o.writer().rowGroupBytes()).isEqualTo(16 << 20);
        assertThat(o.writer().dictionary()).isEqualTo(DictionaryColumns.ALL);
        assertThat(o.split().userWhere()).isEqualTo("region = 'EU'");
    }

    @Test
    void repeatedOptionsOnTheCommandLineAccumulate() {
        RunOptions o = resolve(Map.of(), Cli.copyArgs("run", "db", "t", "--map-column", "A=STRING", "--map-column", "B=DECIMAL(38,10)",
                "--connection-property", "TMODE=TERA", "--partition", "ds=2024-01-02", "--split-by", "order_id",
                "--td-timestamp", "2024-05-01T04:30:00+02:00")).runOptions();

        assertThat(o.columnTypeOverrides()).containsOnly(Map.entry("A", "STRING"), Map.entry("B", "DECIMAL(38,10)"));
        assertThat(o.connectionProperties()).containsOnly(Map.entry("TMODE", "TERA"));
        assertThat(o.partition().pathComponent()).isEqualTo("ds=2024-01-02");
        assertThat(o.split().splitBy()).isEqualTo("order_id");
        assertThat(o.tdTimestamp()).isEqualTo(Instant.parse("2024-05-01T02:30:00Z"));
    }

    @Test
    void hadoopGenericOptionsReachTheConfiguration_inBothFormsAnywhereAmongTheOptions() {
        CopySettings settings = resolve(Map.of(), "run", "-D", "fs.gs.project.id=proj", "db", "--splits", "2",
                "-Dfs.defaultFS=hdfs://nn:8020", "t", "--source-url", "jdbc:h2:mem:x", "-D", "dfs.replication=2",
                "--target", "file:///out");

        assertThat(settings.hadoopConf().get("fs.gs.project.id")).isEqualTo("proj");
        assertThat(settings.hadoopConf().get("fs.defaultFS")).isEqualTo("hdfs://nn:8020");
        assertThat(settings.hadoopConf().get("dfs.replication")).isEqualTo("2");
        assertThat(settings.runOptions().table().toString()).isEqualTo("db.t");
    }

    @Test
    void unknownConfigKeyIsAUsageError_namingTheKeyAndFile() throws IOException {
        Path config = write("bad.properties", "source_url=jdbc:h2:mem:x\n");

        Cli result = Cli.run(Cli.copyArgs("run", "db", "t", "--config", config.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("replicator: Unknown key 'source_url' in config file " + config).contains("source-url");
    }

    @Test
    void passwordInConfigFileIsRefused_withoutEchoingIt() throws IOException {
        Path config = write("secret.properties", "source-password=Sw0rdfish\n");

        Cli result = Cli.run(Cli.copyArgs("run", "db", "t", "--config", config.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .contains("a password is read only from --source-password-file or --source-password-env")
                .doesNotContain("Sw0rdfish");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Cli result = Cli.run(Cli.copyArgs("run", "db", "t", "--config", dir.resolve("absent.properties").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("Cannot read config file").contains("no such file");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
