package org.runreplicator.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.ReplicatorException;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.source.TableRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replicator ledger DB TABLE}: prints the table's ledger rows, on-prem and GCP side by side. */
@Command(name = "ledger", sortOptions = false, usageHelpAutoWidth = true,
        description = "Print a table's ledger rows, on-prem and GCP side by side, to check whether GCP is in step.")
final class LedgerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DB", description = "Database (dbName) as the ledger records it.")
    String database;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Table (tableName) as the ledger records it.")
    String table;

    @Option(names = "--td-timestamp", paramLabel = "ISO-8601", description = "Only this on-prem run (default: every run, newest first).")
    String tdTimestamp;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option values, keys without dashes.")
    String configFile;

    @Mixin
    LedgerArguments ledgerArguments = new LedgerArguments();

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Hadoop configuration property (for a password file on hdfs:// or gs://).")
    Map<String, String> hadoopProperties = new LinkedHashMap<>();

    private final Invocation invocation;

    LedgerCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        TableRef ref = new TableRef(database, table);
        Instant td = tdTimestamp == null ? null : TdTimestamp.parse(tdTimestamp);
        Configuration conf = new Configuration();
        // A loop, not a lambda: a lambda taking a Configuration would be a method of this class, which picocli
        // reflects on even for notify, where Hadoop is absent.
        for (Map.Entry<String, String> property : hadoopProperties.entrySet()) {
            conf.set(property.getKey(), property.getValue(), "command line -D");
        }
        LedgerOptions options = LedgerSettings.resolve(ledgerArguments, "embedded", invocation.env(), invocation.redactor(), conf);
        if (options.spec().kind() == LedgerSpec.Kind.NONE) {
            throw ReplicatorException.usage("replicator ledger needs a ledger: --ledger bigquery:..., jdbc:... or embedded[:PATH]");
        }
        try (RunLedger ledger = RunLedgers.open(options, invocation.clock()).orElseThrow()) {
            ledger.prepare(options.createTable());
            List<LedgerRow> rows = ledger.rows(ref.database(), ref.table(), td);
            String scope = ref + (td == null ? "" : " at td_timestamp " + td);
            if (rows.isEmpty()) {
                invocation.out().println("No ledger rows for " + scope + " in " + ledger.describe());
                return 0;
            }
            invocation.out().println("Ledger rows for " + scope + " in " + ledger.describe() + ":");
            LedgerReport.render(rows).forEach(invocation.out()::println);
        }
        return 0;
    }
}
