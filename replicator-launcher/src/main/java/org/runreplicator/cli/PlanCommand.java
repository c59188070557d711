package org.runreplicator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.metastore.HiveColumn;
import org.runreplicator.metastore.HiveDdl;
import org.runreplicator.metastore.HiveTableSpec;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.run.PlanReport;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.TableCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code replicator plan DB TABLE}: prints the column mapping and the splits a run would use, and
 * with {@code --target} the Hive DDL its registration amounts to; writes nothing, and does not
 * contact the metastore.
 */
@Command(name = "plan", sortOptions = false, usageHelpAutoWidth = true,
        description = "Print the column mapping, the splits and (with --target) the Hive DDL; write nothing.")
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
        RunOptions run = settings.runOptions();
        PlanReport report = new TableCopy(run, settings.hadoopConf()).plan();
        invocation.out().print(PlanText.render(report));
        if (run.target() != null) {
            List<HiveColumn> columns = new ArrayList<>();
            report.columns().forEach(c -> columns.add(new HiveColumn(c.name, c.hiveType)));
            HiveTableSpec spec = new HiveTableSpec(run.table(), TableLocation.of(run.target(), run.table()), run.partition().key());
            invocation.out().println();
            invocation.out().println("Hive DDL, for " + settings.metastore().map(MetastoreOptions::describe)
                    .orElse("no metastore (--metastore none, or no hive-site.xml): a run would not issue it") + ":");
            invocation.out().print(HiveDdl.render(spec, columns, run.partition().value()));
        }
        return 0;
    }
}
