package org.runreplicator.cli;

import java.util.concurrent.Callable;
import org.runreplicator.run.PlanReport;
import org.runreplicator.run.TableCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code replicator plan DB TABLE}: prints the column mapping and the splits a run would use; writes nothing. */
@Command(name = "plan", sortOptions = false, usageHelpAutoWidth = true,
        description = "Print the column mapping and the splits; write nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CopyOptions options;

    private final Invocation invocation;

    PlanCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CopySettings settings = CopySettings.resolve(options, null, invocation.env(), invocation.systemProperties(), invocation.redactor(),
                invocation.clock());
        PlanReport report = new TableCopy(settings.runOptions(), settings.hadoopConf()).plan();
        invocation.out().print(PlanText.render(report));
        return 0;
    }
}
