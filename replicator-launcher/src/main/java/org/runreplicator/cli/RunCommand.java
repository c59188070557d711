package org.runreplicator.cli;

import java.util.concurrent.Callable;
import org.runreplicator.run.CommittedRunException;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code replicator run DB TABLE}: copies one table into one partition; stdout gets only the closing JSON summary. */
@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true,
        description = "Copy one table into one partition of the target.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    CopyOptions options;

    private final Invocation invocation;

    RunCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CopySettings settings = CopySettings.resolve(options, invocation.env(), invocation.redactor(), invocation.clock());
        RunOptions run = settings.runOptions();
        LOG.info("Copying {} into {} partition {} with {} {} splits (job {}, environment {})", run.table(), run.target(),
                run.partition(), run.split().splits(), run.split().method().cliName(), run.jobId(), run.environment());
        RunSummary summary;
        try (ProgressReporter progress = new ProgressReporter(invocation.err(), invocation.redactor(), System::nanoTime)
                .start(settings.progressInterval())) {
            summary = new TableCopy(run, settings.hadoopConf()).run(progress);
        } catch (CommittedRunException e) {
            // The data is committed: schedulers reading the last line still learn what.
            invocation.out().println(e.summary().toJson());
            throw e;
        }
        invocation.out().println(summary.toJson());
        return 0;
    }
}
