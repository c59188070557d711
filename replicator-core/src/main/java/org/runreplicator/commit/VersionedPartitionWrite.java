package org.runreplicator.commit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.parquet.WrittenFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run's write of one partition under {@link VersionedCommitProtocol}; the commit sequence is its Javadoc. */
final class VersionedPartitionWrite implements PartitionWrite {
    private static final Logger LOG = LoggerFactory.getLogger(VersionedPartitionWrite.class);
    /** Attempts at the commit point's write; each is safe to repeat because the entry names this run. */
    private static final int COMMIT_ATTEMPTS = 4;
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final int AFTER_COMMIT_ATTEMPTS = 3;
    /** Times a run points its publishers at a later run's version before it gives up and says so. */
    private static final int SWITCH_ROUNDS = 5;
    /** Parallel moves when a version is published file by file (object stores). */
    private static final int MOVE_THREADS = 16;

    private enum State { OPEN, PUBLISHED, COMMITTED, UNKNOWN, CLOSED }

    private final CommitStore store;
    private final TableLocation location;
    private final List<VersionPublisher> publishers;
    private final RunIdentity run;
    private final PartitionSpec partition;
    private final PartitionLease lease;
    private final CommitLog log;
    private final PartitionManifest base;
    private final Clock clock;
    private final Path versionDir;
    private final Set<String> replaced;
    private State state = State.OPEN;

    VersionedPartitionWrite(CommitStore store, TableLocation location, List<VersionPublisher> publishers, RunIdentity run,
            PartitionLease lease, CommitLog log, PartitionManifest base, Set<String> replaced, Clock clock) {
        this.store = store;
        this.location = location;
        this.publishers = publishers;
        this.run = run;
        this.partition = run.partition();
        this.lease = lease;
        this.log = log;
        this.base = base;
        this.replaced = Set.copyOf(replaced);
        this.clock = clock;
        this.versionDir = location.versionDir(partition, run.runId());
    }

    @Override
    public FileSystem fileSystem() {
        return store.fileSystem();
    }

    @Override
    public void claim(String source) {
        try {
            TableOwner.claim(store, location, source);
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot check which table owns " + store.qualify(location.tableDir()) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Path splitDir(int splitIndex) {
        return store.qualify(location.splitDir(partition, run.runId(), splitIndex));
    }

    @Override
    public Path attemptDir(int splitIndex, int attempt) {
        return store.qualify(location.attemptDir(partition, run.runId(), splitIndex, attempt));
    }

    @Override
    public void discard(int splitIndex, int attempt) {
        try {
            store.delete(location.attemptDir(partition, run.runId(), splitIndex, attempt));
        } catch (IOException e) {
            LOG.warn("Cannot delete the output of split {} attempt {}: {}; the next run removes it", splitIndex, attempt, e.getMessage());
        }
    }

    /**
     * Checks the lease and the base; publishes the files as {@code <partition>/run-<runId>/};
     * checks the lease again; appends the commit log entry (the commit point, retried, resolved
     * by reading it back); then switches the publishers and retires the previous version.
     */
    @Override
    public synchronized CommittedVersion commit(List<WrittenFile> files, String source) {
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot commit " + run + ": the write is " + state);
        }
        long started = System.nanoTime();
        PartitionManifest entry;
        try {
            lease.checkHeld();
            requireBaseCurrent(log.current().orElse(null));
            state = State.PUBLISHED;
            List<PartitionManifest.Entry> entries = publish(files);
            lease.checkHeld();
            long rows = entries.stream().mapToLong(e -> e.rows).sum();
            long bytes = entries.stream().mapToLong(e -> e.bytes).sum();
            entry = new PartitionManifest(sequence(base) + 1, run.runId(), run.jobId(), source, partition.toString(),
                    versionDir.getName(), clock.instant().toString(),
                    run.tdTimestamp() == null ? null : run.tdTimestamp().toString(), rows, bytes, entries);
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot commit partition " + where() + ": " + e.getMessage(), e);
        }
        append(entry);
        CommittedVersion committed = new CommittedVersion(partition, entry, store.qualify(versionDir), 0, null);
        ReplicatorException unfinished = afterCommitPoint(committed);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Committed version {} of {} ({} rows in {} files) in {} s", entry.sequence, where(), entry.rows,
                entry.files.size(), String.format("%.3f", seconds));
        return new CommittedVersion(partition, entry, committed.directory(), seconds, unfinished);
    }

    @Override
    public synchronized void close() {
        try {
            switch (state) {
                case UNKNOWN:
                    lease.holdForUnknownOutcome();
                    return;
                case OPEN:
                case PUBLISHED:
                    removeQuietly(versionDir, "this run's unpublished version");
                    removeQuietly(location.runDir(partition, run.runId()), "this run's staging");
                    lease.release();
                    break;
                case COMMITTED:
                    removeQuietly(location.runDir(partition, run.runId()), "this run's staging");
                    lease.release();
                    break;
                default:
                    return;
            }
        } finally {
            if (state != State.UNKNOWN) {
                state = State.CLOSED;
            }
            lease.close();
        }
    }

    private void requireBaseCurrent(PartitionManifest current) {
        if (sequence(current) != sequence(base)) {
            throw ReplicatorException.target("Cannot commit partition " + where() + ": run " + current.runId + " (job "
                    + current.jobId + ") committed version " + current.sequence + " at " + current.committedAt
                    + " while this run was copying; nothing of this run was published", null);
        }
    }

    private List<PartitionManifest.Entry> publish(List<WrittenFile> files) throws IOException {
        List<PartitionManifest.Entry> entries = new ArrayList<>();
        for (WrittenFile file : files) {
            entries.add(new PartitionManifest.Entry(new Path(file.path()).getName(), file.rows(), file.bytes()));
        }
        if (store.movesDirectoriesAtomically()) {
            Path assembled = new Path(location.runDir(partition, run.runId()), "version");
            store.mkdirs(assembled);
            for (WrittenFile file : files) {
                Path source = new Path(file.path());
                store.move(source, new Path(assembled, source.getName()));
            }
            store.mkdirs(versionDir.getParent());
            store.move(assembled, versionDir);
        } else {
            moveInParallel(files);
        }
        return entries;
    }

    private void moveInParallel(List<WrittenFile> files) throws IOException {
        store.mkdirs(versionDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MOVE_THREADS, files.size())));
        try {
            List<Future<?>> moves = new ArrayList<>();
            for (WrittenFile file : files) {
                Path source = new Path(file.path());
                moves.add(pool.submit(() -> {
                    store.move(source, new Path(versionDir, source.getName()));
                    return null;
                }));
            }
            for (Future<?> move : moves) {
                move.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while publishing " + versionDir, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The commit point. Repeating the write is safe (the entry names this run), so a failure is retried and read back. */
    private void append(PartitionManifest entry) {
        IOException last = null;
        long backoff = FIRST_RETRY_MILLIS;
        for (int attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
            try {
                if (log.append(entry)) {
                    state = State.COMMITTED;
                    return;
                }
                Optional<PartitionManifest> there = log.read(entry.sequence);
                if (there.isPresent() && there.get().runId.equals(run.runId())) {
                    state = State.COMMITTED; // an earlier attempt that reported failure had landed
                    return;
                }
                if (there.isPresent()) {
                    requireBaseCurrent(there.get());
                }
            } catch (IOException e) {
                last = e;
                LOG.warn("Writing the commit log entry {} of {} failed (attempt {} of {}): {}", entry.sequence, where(),
                        attempt, COMMIT_ATTEMPTS, e.getMessage());
            }
            sleep(backoff);
            backoff *= 2;
        }
        state = State.UNKNOWN;
        throw new CommitOutcomeUnknownException("Cannot tell whether partition " + where() + " was committed: writing "
                + log.path(entry.sequence) + " failed " + COMMIT_ATTEMPTS + " times" + (last == null ? "" : " (" + last.getMessage() + ")")
                + ". Nothing was deleted and the partition's lease is held until it expires; run the table again or"
                + " `replicator clean` once the store answers, and the commit log decides", last);
    }

    /**
     * Nothing here can undo the commit: a failure is reported as unfinished work. First the log is
     * read back: a run that stalled past its lease at the commit point can find a later run's
     * entry current (its own then lies below it, or took a sequence number pruned meanwhile), and
     * must then touch neither the publishers nor the newer version. Only what the partition held
     * when this run began is retired, so a stall after the read-back cannot remove a later version.
     */
    private ReplicatorException afterCommitPoint(CommittedVersion committed) {
        PartitionManifest current;
        try {
            current = currentEntry();
        } catch (IOException e) {
            return ReplicatorException.target("Committed partition " + where() + " but could not read its commit log back ("
                    + e.getMessage() + "); the metastore and the previous version are left as they are until the next run"
                    + " or `replicator clean`", e);
        }
        if (current.sequence != committed.manifest().sequence) {
            throw lostLease("at its commit", current, "this run's entry " + committed.manifest().sequence
                    + " is not current and this run points no reader at its files, which are removed");
        }
        for (VersionPublisher publisher : publishers) {
            try {
                publisher.publish(committed);
            } catch (Exception e) {
                return ReplicatorException.target("Committed partition " + where() + " but could not point "
                        + publisher.describe() + " at it: " + e.getMessage() + "; it still serves the previous version,"
                        + " which is kept; the next run or `replicator clean` switches it", e);
            }
        }
        // Retiring what this run replaced and pointing catalogs back at a later version need no lease.
        PartitionSweep sweep = new PartitionSweep(store, location, partition, PartitionSweep.UNCHECKED);
        if (!publishers.isEmpty()) {
            ReplicatorException unsettled = confirmSwitch(committed.manifest(), sweep);
            if (unsettled != null) {
                return unsettled;
            }
        }
        try {
            for (FileStatus entry : store.list(location.partitionDir(partition))) {
                String name = entry.getPath().getName();
                if (replaced.contains(name) && !name.equals(versionDir.getName())) {
                    retireWithRetries(sweep, entry);
                }
            }
        } catch (IOException e) {
            return ReplicatorException.target("Committed partition " + where() + " but could not remove the previous"
                    + " version (" + e.getMessage() + "): readers listing the partition path see both until the next"
                    + " run or `replicator clean`", e);
        }
        try {
            log.prune();
        } catch (IOException e) {
            LOG.warn("Could not prune the commit log of {}: {}", where(), e.getMessage());
        }
        return null;
    }

    /**
     * A run that stalled past its lease between the read-back and the switch can have switched the
     * publishers after a later run did, to a version that run has since removed. So the log is
     * read again after the switch, and while a later entry is current the publishers are pointed
     * at it. Once a read after the last switch finds the version switched to, any later commit
     * switches after it. Throws when this run's version was superseded (the publishers then point
     * at the current one); returns the problem, deleting nothing more, when that cannot be settled.
     */
    private ReplicatorException confirmSwitch(PartitionManifest ours, PartitionSweep sweep) {
        long switched = ours.sequence;
        for (int round = 0; round <= SWITCH_ROUNDS; round++) {
            PartitionManifest current;
            try {
                current = currentEntry();
            } catch (IOException e) {
                return unsettledSwitch("its commit log could not be read again (" + e.getMessage() + ")", e);
            }
            if (current.sequence == switched) {
                if (switched == ours.sequence) {
                    return null;
                }
                throw lostLease("while switching " + publishersNamed(), current, publishersNamed() + " points at version "
                        + current.sequence + " again and this run's files are removed");
            }
            if (!sweep.republish(current, publishers)) {
                return unsettledSwitch("pointing it at version " + current.sequence + " failed", null);
            }
            switched = current.sequence;
        }
        return unsettledSwitch("later runs kept committing while it did", null);
    }

    private PartitionManifest currentEntry() throws IOException {
        return log.current().orElseThrow(() -> new IOException("its newest entry vanished while being read"));
    }

    /** A later run's entry is current: this run's version is not, and close removes its files. */
    private ReplicatorException lostLease(String when, PartitionManifest current, String consequence) {
        state = State.PUBLISHED;
        return ReplicatorException.target("This run lost its lease on partition " + where() + " " + when + ": run "
                + current.runId + " (job " + current.jobId + ") has committed version " + current.sequence + " since, so "
                + consequence, null);
    }

    private ReplicatorException unsettledSwitch(String why, Exception cause) {
        return ReplicatorException.target("Committed partition " + where() + ", but a later run committed while this run"
                + " switched " + publishersNamed() + " and " + why + ": it may point at a version that run removed. Nothing"
                + " more was deleted; `replicator clean` (with the same --metastore) or the next run points it at the current"
                + " version", cause);
    }

    private String publishersNamed() {
        return publishers.stream().map(VersionPublisher::describe).collect(Collectors.joining(" and "));
    }

    private void retireWithRetries(PartitionSweep sweep, FileStatus entry) throws IOException {
        long backoff = FIRST_RETRY_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                sweep.retire(entry);
                return;
            } catch (IOException e) {
                if (attempt == AFTER_COMMIT_ATTEMPTS) {
                    throw e;
                }
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private void removeQuietly(Path path, String what) {
        try {
            store.delete(path);
        } catch (IOException e) {
            LOG.warn("Cannot remove {} at {}: {}; the next run of the partition or `replicator clean` removes it",
                    what, path, e.getMessage());
        }
    }

    private String where() {
        return store.qualify(location.partitionDir(partition)).toString();
    }

    private static long sequence(PartitionManifest manifest) {
        return manifest == null ? 0 : manifest.sequence;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
