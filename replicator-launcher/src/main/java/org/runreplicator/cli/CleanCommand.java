package org.runreplicator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.runreplicator.PartitionSpec;
import org.runreplicator.commit.CleanReport;
import org.runreplicator.commit.CommitProtocol;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.metastore.HiveMetastore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replicator clean DB TABLE --target URI}: removes what killed or abandoned runs of the
 * table left (staging, versions published but never committed, previous versions a commit could
 * not remove, old commit log entries), skipping partitions a live run is writing. Takes the same
 * options as {@code run} so a shared config file works; only the target, the metastore and {@code -D}
 * matter: with a metastore, each partition is switched back to its committed version before any other is removed.
 */
@Command(name = "clean", sortOptions = false, usageHelpAutoWidth = true,
        description = "Remove what killed or abandoned runs of a table left (--dry-run lists it). Takes run's options;"
                + " only --target, --metastore and -D matter.")
final class CleanCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Mixin
    CopyOptions options;

    private final Invocation invocation;

    CleanCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CopySettings.TargetOnly target = CopySettings.resolveTarget(options, invocation.env());
        Optional<HiveMetastore> hive = target.metastore().map(HiveMetastore::open);
        CleanReport report;
        try {
            String key = options.partition == null ? "ds" : PartitionSpec.parse(options.partition).key();
            CommitProtocol protocol = hive.isPresent() ? HiveRegistration.cleaning(target, hive.get(), key)
                    : CommitProtocols.forTable(target.uri(), target.table(), target.hadoopConf(), List.of(), Clock.systemUTC());
            report = protocol.clean(dryRun);
        } finally {
            hive.ifPresent(HiveMetastore::close);
        }
        PrintStream out = invocation.out();
        String verb = dryRun ? "would remove " : "removed ";
        report.removed().forEach(line -> out.println(verb + line));
        report.skipped().forEach(line -> out.println("skipped " + line));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", dryRun ? "DRY_RUN" : "CLEANED");
        summary.put("table", target.table().toString());
        summary.put("removed", report.removed().size());
        summary.put("skipped", report.skipped().size());
        try {
            out.println(new ObjectMapper().writeValueAsString(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the clean summary", e);
        }
        return 0;
    }
}
