package org.runreplicator.commit;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.runreplicator.PartitionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is not the current version from one partition, for a caller that holds its lease
 * (so no live run owns any of it): staging of dead runs, versions published but never committed,
 * versions a commit replaced but could not remove, old log entries. Before removing a version the
 * catalogs are switched to the current one again, so none is left pointing at what goes. The
 * caller's lease is checked before each change: a caller that stalled past its lease (and whose
 * {@code current} may be stale) stops before it removes anything a later holder owns.
 */
final class PartitionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSweep.class);

    private final CommitStore store;
    private final TableLocation location;
    private final PartitionSpec partition;
    private final LeaseCheck held;

    /** Throws unless the caller still holds the partition's lease with time to spare. */
    interface LeaseCheck {
        void check() throws IOException;
    }

    /** For a dry run, and for a committed run's own follow-up (retiring what it replaced), which needs no lease. */
    static final LeaseCheck UNCHECKED = () -> { };

    PartitionSweep(CommitStore store, TableLocation location, PartitionSpec partition, LeaseCheck held) {
        this.store = store;
        this.location = location;
        this.partition = partition;
        this.held = held;
    }

    /**
     * Sweeps everything but {@code current} and the staging of run {@code keepRunId} (null keeps
     * none); without a current version only staging goes, as what lies under the partition path
     * is then someone's data. The publishers are pointed at {@code current} before any version is
     * removed, and with {@code alwaysSwitch} even when none is. Reports each path to
     * {@code report}; changes nothing when it is a dry run.
     */
    void sweep(Optional<PartitionManifest> current, String keepRunId, Iterable<VersionPublisher> publishers,
            boolean alwaysSwitch, CleanReport report) throws IOException {
        sweepStaging(keepRunId, report);
        if (current.isEmpty()) {
            return;
        }
        for (FileStatus retired : store.list(location.retiredDir(partition))) {
            remove(retired.getPath(), "retired version", report);
        }
        String currentVersion = current.get().version;
        boolean stale = false;
        for (FileStatus entry : store.list(location.partitionDir(partition))) {
            stale |= TableLocation.isVisible(entry.getPath().getName()) && !entry.getPath().getName().equals(currentVersion);
        }
        if ((stale || alwaysSwitch) && !report.dryRun() && !republishHeld(current.get(), publishers)) {
            if (stale) {
                report.skipped(partition + ": earlier versions kept because a catalog could not be switched to the current one");
                return;
            }
            report.skipped(partition + ": a catalog could not be pointed at the current version");
        }
        if (stale) {
            for (FileStatus entry : store.list(location.partitionDir(partition))) {
                String name = entry.getPath().getName();
                if (TableLocation.isVisible(name) && !name.equals(currentVersion)) {
                    if (!report.dryRun()) {
                        held.check();
                        retire(entry);
                    }
                    report.removed(store.qualify(entry.getPath()) + " (not the committed version)");
                }
            }
        }
        if (!report.dryRun()) {
            held.check();
            new CommitLog(store, location.commitLogDir(partition)).prune();
        }
    }

    private void sweepStaging(String keepRunId, CleanReport report) throws IOException {
        for (FileStatus run : store.list(location.runsDir(partition))) {
            if (!run.getPath().getName().equals(keepRunId)) {
                remove(run.getPath(), "staging of dead run " + run.getPath().getName(), report);
            }
        }
    }

    /** Takes a previous version away from path readers in one step where the store allows it, then deletes it. */
    void retire(FileStatus entry) throws IOException {
        if (store.movesDirectoriesAtomically()) {
            Path aside = new Path(location.retiredDir(partition), entry.getPath().getName() + "." + UUID.randomUUID().toString().substring(0, 8));
            store.mkdirs(aside.getParent());
            store.move(entry.getPath(), aside);
            store.delete(aside);
        } else {
            store.delete(entry.getPath());
        }
    }

    /** Points every publisher at {@code current} again; false (with a warning logged) when one cannot be. */
    boolean republish(PartitionManifest current, Iterable<VersionPublisher> publishers) {
        CommittedVersion version = new CommittedVersion(partition, current,
                store.qualify(new Path(location.partitionDir(partition), current.version)), 0, null);
        for (VersionPublisher publisher : publishers) {
            try {
                publisher.publish(version);
            } catch (Exception e) {
                LOG.warn("Could not point {} at the current version of {}: {}", publisher.describe(), partition, e.getMessage());
                return false;
            }
        }
        return true;
    }

    private boolean republishHeld(PartitionManifest current, Iterable<VersionPublisher> publishers) throws IOException {
        held.check();
        return republish(current, publishers);
    }

    private void remove(Path path, String what, CleanReport report) throws IOException {
        if (!report.dryRun()) {
            held.check();
            store.delete(path);
        }
        report.removed(store.qualify(path) + " (" + what + ")");
    }
}
