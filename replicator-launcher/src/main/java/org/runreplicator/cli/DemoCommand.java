package org.runreplicator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRecorder;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.metastore.EmbeddedMetastore;
import org.runreplicator.metastore.HiveMetastore;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.metastore.RegisteredPartition;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replicator demo}: a self-contained run. Generates a warehouse-like table in an embedded
 * H2 database, copies it with the real {@link TableCopy} into local Parquet, reads the files back
 * with parquet-hadoop's reader and prints them, the row counts, the first rows and the ledger
 * rows it wrote (an embedded ledger unless {@code --ledger} names another; its table is created
 * when missing), and the partition it registered in an embedded Hive Metastore (its location and
 * row count as the metastore serves them); the last stdout line is the run's JSON summary.
 */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
        description = "Copy a generated table from an embedded H2 database into local Parquet, register it in an embedded Hive"
                + " Metastore, and read it back.")
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final int ROWS_SHOWN = 5;
    // The demo is short: report progress more often than a production run does.
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    static final String EMBEDDED = "embedded";

    @Option(names = "--rows", paramLabel = "N", defaultValue = "200000", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--target", paramLabel = "URI", description = "Where to write (default: file:<current directory>/demo-output).")
    String target;

    @Option(names = "--splits", paramLabel = "N", defaultValue = "8", description = "Number of splits (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--metastore", paramLabel = "WHERE", defaultValue = EMBEDDED,
            description = "Register the partition in an embedded Hive Metastore (Derby in a temporary directory, Thrift on a"
                    + " loopback port; bin/replicator runs the demo from unshaded classes for it), or none (default: ${DEFAULT-VALUE}).")
    String metastore;

    @Mixin
    LedgerArguments ledgerArguments = new LedgerArguments();

    private final Invocation invocation;

    DemoCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            throw ReplicatorException.usage("Invalid --rows " + rows + ": must be at least 1");
        }
        URI targetUri = targetUri();
        Configuration conf = new Configuration();
        PrintStream out = invocation.out();
        LedgerOptions ledgerOptions = LedgerSettings.resolve(ledgerArguments, "embedded", invocation.env(), invocation.redactor(), conf);
        if (!EMBEDDED.equals(metastore) && !MetastoreSettings.NONE.equals(metastore)) {
            throw ReplicatorException.usage("Invalid --metastore '" + metastore + "' for the demo: expected embedded or none");
        }
        Optional<RunLedger> ledger = RunLedgers.open(ledgerOptions, invocation.clock());
        Path metastoreDir = EMBEDDED.equals(metastore) ? Files.createTempDirectory("replicator-demo-metastore") : null;
        try (DemoSource source = DemoSource.create(rows);
                EmbeddedMetastore embedded = metastoreDir == null ? null : startMetastore(metastoreDir);
                HiveMetastore hive = embedded == null ? null : HiveMetastore.open(MetastoreOptions.builder()
                        .uris(List.of(embedded.uri())).build())) {
            long sourceRows = source.rowCount();
            out.println("Source: " + DemoSource.TABLE + " in embedded H2, " + sourceRows + " rows");
            RunOptions options = RunOptions.builder()
                    .table(DemoSource.TABLE)
                    .sourceUrl(source.jdbcUrl())
                    .sourceUser(DemoSource.USER)
                    .target(targetUri)
                    .splits(splits)
                    .jobId(JobId.generate(invocation.clock()))
                    .build();
            LOG.info("Copying {} into {} partition {} with {} splits", options.table(), targetUri, options.partition(), splits);
            RunSummary summary;
            try (ProgressReporter progress = new ProgressReporter(invocation.err(), invocation.redactor(), System::nanoTime)
                    .start(PROGRESS_INTERVAL)) {
                TableCopy copy = new TableCopy(options, conf).withListener(progress);
                if (hive != null) {
                    HiveRegistration.register(copy, options, conf, hive);
                }
                // The demo is self-contained: it makes its ledger table if there is none.
                ledger.ifPresent(l -> copy.withListener(new LedgerRecorder(l, true, ledgerOptions.optional())));
                summary = copy.run(progress);
            }
            ParquetReadBack written = ParquetReadBack.of(summary.location, conf);
            out.println("Files in " + summary.location + ":");
            for (LocatedFileStatus file : written.files()) {
                out.println("  " + file.getPath().getName() + "  " + file.getLen() + " bytes");
            }
            long parquetRows = written.rowCount();
            out.println("Rows: source " + sourceRows + ", Parquet " + parquetRows);
            if (parquetRows != sourceRows) {
                throw new ReplicatorException(FailureKind.VALIDATION, "Demo read-back found " + parquetRows
                        + " rows in Parquet under " + summary.location + " but the source has " + sourceRows);
            }
            if (hive != null) {
                String db = options.table().database().toLowerCase(Locale.ROOT);
                String table = options.table().table().toLowerCase(Locale.ROOT);
                RegisteredPartition registered = hive.partition(db, table, options.partition().value())
                        .orElseThrow(() -> new ReplicatorException(FailureKind.VALIDATION, "Demo: partition " + options.partition()
                                + " is not registered in the embedded Hive Metastore"));
                out.println("Hive Metastore (embedded, " + embedded.uri() + "): table " + db + "." + table + " partition "
                        + options.partition() + " at " + registered.location() + ", numRows " + registered.rows());
            }
            out.println("First " + Math.min(ROWS_SHOWN, parquetRows) + " rows:");
            written.printFirstRows(ROWS_SHOWN, out);
            if (ledger.isPresent()) {
                out.println("Ledger rows for " + options.table() + " in " + ledger.get().describe() + ":");
                LedgerReport.render(ledger.get().rows(options.table().database(), options.table().table(), null))
                        .forEach(line -> out.println("  " + line));
            }
            out.println(summary.toJson());
        } finally {
            ledger.ifPresent(RunLedger::close);
            if (metastoreDir != null) {
                deleteQuietly(metastoreDir);
            }
        }
        return 0;
    }

    private static EmbeddedMetastore startMetastore(Path dir) {
        try {
            return EmbeddedMetastore.start(dir, Map.of());
        } catch (ReplicatorException e) {
            throw new ReplicatorException(e.kind(), e.getMessage() + " (the job jar relocates Hive's classes, which the embedded"
                    + " server's JDO model cannot follow: run the demo with bin/replicator, or pass --metastore none)", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", dir, e.toString());
        }
    }

    // A plain path is taken as a local directory, for convenience.
    private URI targetUri() {
        if (target == null) {
            return Paths.get("demo-output").toAbsolutePath().toUri();
        }
        try {
            URI uri = new URI(target);
            return uri.getScheme() == null ? Paths.get(target).toAbsolutePath().toUri() : uri;
        } catch (URISyntaxException e) {
            throw ReplicatorException.usage("Invalid --target '" + target + "': " + e.getMessage());
        }
    }
}
