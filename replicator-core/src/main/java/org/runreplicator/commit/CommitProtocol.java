package org.runreplicator.commit;

import org.runreplicator.RunIdentity;

/**
 * How a run replaces one partition of one table on a store, so that readers see the previous
 * version or the new one whole. The run talks only to this interface and to the
 * {@link PartitionWrite} it returns; {@link CommitProtocols} picks the implementation and its
 * {@link CommitStore} from the target's scheme.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>{@link #begin}: take the partition's lease (one writer per partition), then remove what
 *       dead runs left (their staging, versions they published but never committed), checking the
 *       lease before each removal, and note the committed version this run replaces (its base).</li>
 *   <li>Write: each split attempt writes into its own staging directory
 *       ({@link PartitionWrite#attemptDir}); a failed attempt is {@linkplain PartitionWrite#discard
 *       discarded}, so exactly one attempt per split reaches the commit.</li>
 *   <li>{@link PartitionWrite#commit}: check the lease and that the base is still current; publish
 *       the files as a new version directory under the partition path, {@code run-<runId>/} (one
 *       atomic rename where the store has one, else one server-side move per file); then the
 *       <b>commit point</b>: append the next entry to the partition's commit log, an exclusive
 *       create that the store lets only one run win. After it, nothing can undo the commit: the
 *       log is read back (a run that stalled past its lease finds a later run's entry current and
 *       stops there), {@link VersionPublisher}s switch catalogs (the metastore) to the new version
 *       and the log is read again (a later entry now current means a later run switched first:
 *       the catalogs are pointed back at it), then the previous version is removed from the
 *       partition path.</li>
 *   <li>{@link PartitionWrite#close}: without a commit, remove this run's files (never anything
 *       else); release the lease.</li>
 * </ol>
 *
 * <h2>What readers see</h2>
 * <ul>
 *   <li>Through the commit log (and tools that read it): the previous version until the commit
 *       point, the new one after; never a mix, a part or none, on every store.</li>
 *   <li>Through a catalog a publisher switches: the same, switched at the publisher's step; if it
 *       fails, the catalog keeps serving the previous version, whose files are kept.</li>
 *   <li>Listing the partition path: the files of the versions present. Before the commit there is
 *       one; from the publish step until the previous version's removal there are two; after, one
 *       again. Where the store moves directories atomically (file://, hdfs://) each version
 *       appears and disappears whole and the partition path never goes missing. On object stores
 *       (gs://) the new version's files appear one by one during the publish step and the previous
 *       version's disappear one by one during its removal: a lister can see part of a version in
 *       those windows, which a commit reports (summary {@code commitSeconds}) and keeps short by
 *       moving and deleting files in parallel.</li>
 *   <li>A query already reading the previous version when it is removed: on file:// and hdfs://
 *       files it has open stay readable (the version is moved aside, then deleted); a file it
 *       listed but had not opened yet is gone and the query fails rather than read a mix. On gs://
 *       the objects are deleted and such reads fail the same way.</li>
 * </ul>
 *
 * <h2>Failure</h2>
 * A failure before the commit point leaves the previous version as it was and removes this run's
 * files. The commit point's write is retried (it is idempotent: the entry names this run); if no
 * attempt and no read-back can tell whether it happened, the outcome is unknown: nothing is
 * deleted, the lease is held for a full term, and the run fails with
 * {@link CommitOutcomeUnknownException} (exit 4). A failure after the commit point does not undo
 * the commit; {@link CommittedVersion#unfinished} reports it, and the next run or
 * {@code replicator clean} finishes it. A run that is killed leaves its staging and its lease;
 * the lease stops being live when it expires or, on the same host, as soon as the process is
 * gone, and the next run of the partition or {@code replicator clean} then removes what it left.
 */
public interface CommitProtocol {
    /** Starts {@code run}'s write of its partition: see the steps above. Fails (TARGET) if another live run holds the lease. */
    PartitionWrite begin(RunIdentity run, LeasePolicy lease);

    /**
     * Removes what dead runs left in every partition of the table: staging, published but
     * uncommitted versions, versions a commit replaced but could not remove, old commit log
     * entries; and points every publisher at each partition's committed version. Partitions whose
     * lease a live run holds are skipped. With {@code dryRun}, lists and changes nothing.
     */
    CleanReport clean(boolean dryRun);
}
