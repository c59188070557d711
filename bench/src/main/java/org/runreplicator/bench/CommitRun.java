package org.runreplicator.bench;

/**
 * One measured run of {@link GcsCommitBench}: a first commit of a partition or a replace of it.
 * Traffic is what the job sent and received through the proxy before its commit (lease, sweep,
 * uploads), during it, and after it (removing staging, releasing the lease).
 *
 * @param commitWallSeconds measured around {@code PartitionWrite.commit}
 * @param reportedCommitSeconds the run summary's {@code commitSeconds}
 * @param visibility what an outside lister saw during a replace; null for a first commit
 */
record CommitRun(GcsCommitSettings.PartitionSize size, String run, long rows, int files, long partitionBytes, long largestFileBytes,
                 double runSeconds, double commitWallSeconds, double reportedCommitSeconds, TrafficWindow beforeCommit,
                 TrafficWindow duringCommit, TrafficWindow afterCommit, long peakRssBytes, long maxHeapAfterGcBytes,
                 VisibilityWindow visibility) {
}
