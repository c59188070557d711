package org.runreplicator.commit;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;

/**
 * The {@link CommitProtocol} for every supported store: versions published under the partition
 * path, a commit log whose exclusive append is the commit point, one lease per partition. What
 * differs between stores is in their {@link CommitStore}: whether a version can appear in one
 * rename (file://, hdfs://) or file by file (gs://).
 */
public final class VersionedCommitProtocol implements CommitProtocol {
    private final CommitStore store;
    private final TableLocation location;
    private final List<VersionPublisher> publishers;
    private final Clock clock;

    public VersionedCommitProtocol(CommitStore store, TableLocation location, List<VersionPublisher> publishers, Clock clock) {
        this.store = store;
        this.location = location;
        this.publishers = List.copyOf(publishers);
        this.clock = clock;
    }

    public TableLocation location() {
        return location;
    }

    @Override
    public PartitionWrite begin(RunIdentity run, LeasePolicy policy) {
        PartitionSpec partition = run.partition();
        PartitionLease lease;
        try {
            lease = PartitionLease.acquire(store, location.leaseDir(partition), policy, clock, describe(partition),
                    run.runId(), run.jobId(), run.table().toString());
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot take the lease on partition " + describe(partition) + ": " + e.getMessage(), e);
        }
        try {
            CommitLog log = new CommitLog(store, location.commitLogDir(partition));
            Optional<PartitionManifest> base = log.current();
            new PartitionSweep(store, location, partition, lease::checkHeld).sweep(base, run.runId(), publishers, false,
                    new CleanReport(false));
            store.mkdirs(location.runDir(partition, run.runId()));
            Set<String> replaced = new TreeSet<>();
            for (FileStatus entry : store.list(location.partitionDir(partition))) {
                if (TableLocation.isVisible(entry.getPath().getName())) {
                    replaced.add(entry.getPath().getName());
                }
            }
            return new VersionedPartitionWrite(store, location, publishers, run, lease, log, base.orElse(null), replaced, clock);
        } catch (IOException | RuntimeException e) {
            lease.release();
            lease.close();
            if (e instanceof ReplicatorException) {
                throw (ReplicatorException) e;
            }
            throw ReplicatorException.target("Cannot prepare partition " + describe(partition) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CleanReport clean(boolean dryRun) {
        CleanReport report = new CleanReport(dryRun);
        try {
            for (PartitionSpec partition : partitions()) {
                cleanPartition(partition, report);
            }
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot clean " + location + ": " + e.getMessage(), e);
        }
        return report;
    }

    private void cleanPartition(PartitionSpec partition, CleanReport report) throws IOException {
        Optional<LeaseRecord> holder = PartitionLease.holder(store, location.leaseDir(partition));
        if (holder.isPresent() && holder.get().isLive(clock.instant())) {
            report.skipped(partition + ": " + holder.get().describe() + " is writing it");
            return;
        }
        CommitLog log = new CommitLog(store, location.commitLogDir(partition));
        if (report.dryRun()) {
            new PartitionSweep(store, location, partition, PartitionSweep.UNCHECKED).sweep(log.current(), null, publishers, true,
                    report);
            return;
        }
        PartitionLease lease;
        try {
            lease = PartitionLease.acquire(store, location.leaseDir(partition), LeasePolicy.defaults(), clock,
                    describe(partition), "clean-" + RunIdentity.newRunId("clean"), "clean", location.toString());
        } catch (ReplicatorException e) {
            report.skipped(partition + ": " + e.getMessage());
            return;
        }
        try {
            // Always switched: a run that stalled past its lease may have left a catalog at a version a later run removed.
            new PartitionSweep(store, location, partition, lease::checkHeld).sweep(log.current(), null, publishers, true, report);
        } catch (ReplicatorException e) {
            report.skipped(partition + ": " + e.getMessage());
        } finally {
            lease.release();
            lease.close();
        }
    }

    private Set<PartitionSpec> partitions() throws IOException {
        Set<String> names = new TreeSet<>();
        for (FileStatus dir : store.list(location.controlDir())) {
            names.add(dir.getPath().getName());
        }
        for (FileStatus dir : store.list(location.tableDir())) {
            if (!store.list(new Path(dir.getPath(), TableLocation.COMMITS)).isEmpty()) {
                names.add(dir.getPath().getName());
            }
        }
        Set<PartitionSpec> partitions = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (String name : names) {
            if (name.contains("=") && TableLocation.isVisible(name)) {
                partitions.add(PartitionSpec.parse(name));
            }
        }
        return partitions;
    }

    private String describe(PartitionSpec partition) {
        return store.qualify(location.partitionDir(partition)).toString();
    }
}
