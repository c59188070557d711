package org.runreplicator.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.runreplicator.RunIdentity;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRecorder;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.metastore.HiveMetastore;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.run.CommittedRunException;
import org.runreplicator.run.RunListener;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code replicator run DB TABLE}: copies one table into one partition; stdout gets only the
 * closing JSON summary. With a ledger, the run is recorded RUNNING, then SUCCEEDED or FAILED. If
 * the ledger fails after the commit, the summary of what was committed is still printed, and the
 * run exits 4.
 */
@Command(name = RunCommand.NAME, sortOptions = false, usageHelpAutoWidth = true,
        description = "Copy one table into one partition of the target.")
final class RunCommand implements Callable<Integer> {
    static final String NAME = "run";
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    CopyOptions options;

    @Mixin
    LedgerArguments ledgerArguments = new LedgerArguments();

    private final Invocation invocation;

    RunCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CopySettings settings = CopySettings.resolve(options, ledgerArguments, invocation.env(), invocation.systemProperties(),
                invocation.redactor(), invocation.clock());
        RunOptions run = settings.runOptions();
        LedgerOptions ledgerOptions = settings.ledger();
        // The planner decides the split count; this line says what was asked for.
        LOG.info("Copying {} into {} partition {}, asking for {} splits by method {} (job {} from {}, environment {}, ledger {})",
                run.table(), run.target(), run.partition(), run.split().splits(), run.split().method().cliName(), run.jobId(),
                settings.jobIdOrigin(), run.environment(), ledgerOptions.spec());
        LOG.info("Hive Metastore: {}", settings.metastore().map(MetastoreOptions::describe)
                .orElse("none (no --metastore and no hive.metastore.uris in a hive-site.xml)"));
        Optional<RunLedger> ledger = openLedger(ledgerOptions);
        Optional<HiveMetastore> hive = Optional.empty();
        RunSummary summary;
        try (ProgressReporter progress = new ProgressReporter(invocation.err(), invocation.redactor(), System::nanoTime)
                .start(settings.progressInterval())) {
            hive = settings.metastore().map(HiveMetastore::open);
            TableCopy copy = new TableCopy(run, settings.hadoopConf()).withListener(new RunListener() {
                @Override
                public void started(RunIdentity identity) {
                    invocation.started(identity);
                }
            }).withListener(progress);
            settings.engine().ifPresent(copy::withEngine);
            if (hive.isPresent()) {
                HiveRegistration.register(copy, run, settings.hadoopConf(), hive.get());
            }
            ledger.ifPresent(l -> copy.withListener(new LedgerRecorder(l, ledgerOptions.createTable(), ledgerOptions.optional())));
            try (SignalStop signals = SignalStop.during(copy::stop)) {
                summary = copy.run(progress);
            }
        } catch (CommittedRunException e) {
            // The data is committed: say what, then fail with the one line.
            invocation.out().println(e.summary().toJson());
            throw e;
        } finally {
            hive.ifPresent(HiveMetastore::close);
            ledger.ifPresent(RunLedger::close);
        }
        invocation.out().println(summary.toJson());
        return 0;
    }

    private Optional<RunLedger> openLedger(LedgerOptions options) {
        try {
            return RunLedgers.open(options, invocation.clock());
        } catch (LedgerException e) {
            if (!options.optional()) {
                throw e;
            }
            LOG.warn("{}; going on without the ledger (--ledger-optional)", invocation.redactor().redact(e.getMessage()));
            return Optional.empty();
        }
    }
}
