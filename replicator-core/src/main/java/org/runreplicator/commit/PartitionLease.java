package org.runreplicator.commit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.runreplicator.ReplicatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per partition. The lease is a directory of epoch files, {@code lease/0000000007.json};
 * the highest epoch is the holder. A run takes the lease by creating the next epoch exclusively
 * (one of any number of racing runs wins), and only when the current holder is no longer live
 * ({@link LeaseRecord#isLive}), and only if no higher epoch exists once its own is created (a run
 * that stalled between reading an epoch and creating the next can find that name free again after a
 * later holder pruned it). Epochs only grow, so a holder that stalled past its expiry finds
 * a higher epoch and knows it has lost the partition; it then must not commit. The holder renews
 * in the background and releases by marking its epoch released, never by deleting it.
 */
final class PartitionLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLease.class);

    private final CommitStore store;
    private final Path dir;
    private final LeasePolicy policy;
    private final Clock clock;
    private final String partitionName;
    private final ScheduledExecutorService renewer;
    private volatile LeaseRecord held;
    private volatile String lostBecause;
    private boolean ended;

    private PartitionLease(CommitStore store, Path dir, LeasePolicy policy, Clock clock, String partitionName, LeaseRecord held) {
        this.store = store;
        this.dir = dir;
        this.policy = policy;
        this.clock = clock;
        this.partitionName = partitionName;
        this.held = held;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-renewer");
            t.setDaemon(true);
            return t;
        });
        long every = policy.renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease for run {@code runId}, waiting up to the policy's wait for a live holder to
     * finish; fails with a TARGET error naming the holder otherwise.
     */
    static PartitionLease acquire(CommitStore store, Path dir, LeasePolicy policy, Clock clock, String partitionName,
            String runId, String jobId, String table) throws IOException {
        Instant deadline = clock.instant().plus(policy.waitForLock());
        while (true) {
            OptionalLong top = topEpoch(store, dir);
            LeaseRecord current = top.isPresent() ? readEpoch(store, dir, top.getAsLong()).orElse(null) : null;
            if (top.isPresent() && current == null) {
                continue; // pruned between list and read: look again
            }
            Instant now = clock.instant();
            if (current == null || !current.isLive(now)) {
                long epoch = top.orElse(0) + 1;
                LeaseRecord mine = LeaseRecord.forThisProcess(epoch, runId, jobId, table, now, now.plus(policy.ttl()));
                if (store.createExclusive(epochPath(dir, epoch), mine.toJson())) {
                    OptionalLong after = topEpoch(store, dir);
                    if (after.getAsLong() != epoch) {
                        // The epoch's name was free again only because a later holder pruned it:
                        // this record never held anything. Remove it and look at the real holder.
                        LOG.debug("Epoch {} of {} was reused after pruning; epoch {} holds it", epoch, partitionName, after.getAsLong());
                        store.delete(epochPath(dir, epoch));
                        continue;
                    }
                    if (current != null && !current.released) {
                        LOG.info("Took over the lease on {} from {}: it is no longer live", partitionName, current.describe());
                    }
                    prune(store, dir, epoch);
                    return new PartitionLease(store, dir, policy, clock, partitionName, mine);
                }
                continue; // another run took that epoch first: look at it
            }
            if (!now.isBefore(deadline)) {
                throw ReplicatorException.target("Partition " + partitionName + " is being written by " + current.describe()
                        + "; its lease runs until " + current.expiresAt + " unless renewed. Try again later, or wait with"
                        + " --wait-for-lock DURATION", null);
            }
            sleep(min(policy.pollEvery(), Duration.between(now, deadline)));
        }
    }

    /** Fails unless this run still holds the lease with time to spare: checked right before each commit step. */
    void checkHeld() throws IOException {
        if (lostBecause != null) {
            throw lost(lostBecause);
        }
        OptionalLong top = topEpoch(store, dir);
        if (top.isEmpty() || top.getAsLong() != held.epoch) {
            throw lost("another run took it (epoch " + (top.isPresent() ? top.getAsLong() : 0) + " over this run's " + held.epoch + ")");
        }
        Instant safeUntil = held.expiry().minus(policy.safetyMargin());
        if (!clock.instant().isBefore(safeUntil)) {
            throw lost("it could not be renewed in time (it expires at " + held.expiresAt + ")");
        }
    }

    /** Marks the lease released: the next run may start at once. */
    synchronized void release() {
        if (ended) {
            return;
        }
        end();
        try {
            store.replace(epochPath(dir, held.epoch), held.releasedRecord().toJson());
        } catch (IOException e) {
            LOG.warn("Could not release the lease on {} ({}); it expires at {}", partitionName, e.getMessage(), held.expiresAt);
        }
    }

    /** Keeps the lease until a full term from now even if this process ends: a commit's outcome is unknown. */
    synchronized void holdForUnknownOutcome() {
        if (ended) {
            return;
        }
        end();
        LeaseRecord kept = held.heldForUnknownOutcome(clock.instant().plus(policy.ttl()));
        try {
            store.replace(epochPath(dir, held.epoch), kept.toJson());
        } catch (IOException e) {
            LOG.warn("Could not mark the lease on {} as held: {}", partitionName, e.getMessage());
        }
    }

    /** Stops renewing; the lease then expires on its own unless released. */
    @Override
    public synchronized void close() {
        end();
    }

    // Renewal and release are serialized, so a renewal can never overwrite a released record.
    private synchronized void renew() {
        if (ended) {
            return;
        }
        try {
            OptionalLong top = topEpoch(store, dir);
            if (top.isEmpty() || top.getAsLong() != held.epoch) {
                lostBecause = "another run took it";
                end();
                return;
            }
            LeaseRecord renewed = held.renewedUntil(clock.instant().plus(policy.ttl()));
            store.replace(epochPath(dir, held.epoch), renewed.toJson());
            held = renewed;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not renew the lease on {}: {}; it runs until {}", partitionName, e.getMessage(), held.expiresAt);
        }
    }

    private void end() {
        ended = true;
        renewer.shutdown();
    }

    private ReplicatorException lost(String why) {
        return ReplicatorException.target("This run lost its lease on partition " + partitionName + ": " + why
                + "; it commits nothing", null);
    }

    /** The current holder's record, if any: for messages and for {@code clean}. */
    static Optional<LeaseRecord> holder(CommitStore store, Path dir) throws IOException {
        OptionalLong top = topEpoch(store, dir);
        return top.isPresent() ? readEpoch(store, dir, top.getAsLong()) : Optional.empty();
    }

    private static OptionalLong topEpoch(CommitStore store, Path dir) throws IOException {
        long top = -1;
        for (FileStatus entry : store.list(dir)) {
            top = Math.max(top, epochOf(entry.getPath().getName()));
        }
        return top < 0 ? OptionalLong.empty() : OptionalLong.of(top);
    }

    private static Optional<LeaseRecord> readEpoch(CommitStore store, Path dir, long epoch) throws IOException {
        Optional<byte[]> bytes = store.read(epochPath(dir, epoch));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LeaseRecord.fromJson(bytes.get()));
        } catch (IOException e) {
            throw new IOException("Unreadable lease file " + epochPath(dir, epoch) + " (" + e.getMessage()
                    + "); if no run is writing this partition, remove it", e);
        }
    }

    // Older epochs are only history; the newest is never deleted, so epochs keep growing.
    private static void prune(CommitStore store, Path dir, long keep) {
        try {
            for (FileStatus entry : store.list(dir)) {
                long epoch = epochOf(entry.getPath().getName());
                if (epoch >= 0 && epoch < keep) {
                    store.delete(entry.getPath());
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not prune old lease epochs in {}: {}", dir, e.getMessage());
        }
    }

    static Path epochPath(Path dir, long epoch) {
        return new Path(dir, String.format(Locale.ROOT, "%010d.json", epoch));
    }

    private static long epochOf(String name) {
        if (!name.matches("\\d{10}\\.json")) {
            return -1;
        }
        return Long.parseLong(name.substring(0, 10));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ReplicatorException.target("Interrupted while waiting for a partition's lease", e);
        }
    }
}
