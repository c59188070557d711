package org.runreplicator.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.runreplicator.commit.ProtocolHarness.expected;
import static org.runreplicator.commit.ProtocolHarness.whole;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.runreplicator.ReplicatorException;
import org.runreplicator.parquet.WrittenFile;

/** One writer per partition, and a lease that outlives neither its holder nor a stall. */
abstract class LeaseContract extends ProtocolContractBase {

    @Test
    void aLeaseWhoseProcessIsGoneOnThisHost_isTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        forge(new LeaseRecord(1, "crashed", "job-crashed", "sales.orders", LeaseRecord.localHost(), gone.pid(), null,
                Instant.now().toString(), Instant.now().plus(Duration.ofHours(1)).toString(), false, false));

        harness.commitRun(harness.protocol(), "rerun", 2, new LeasePolicy(Duration.ofMinutes(2), Duration.ZERO));

        assertThat(harness.logView()).containsExactlyElementsOf(expected("rerun", 2));
        assertThat(epochs()).containsExactly("0000000002.json");
    }

    @Test
    void aLiveHolderOnAnotherHost_blocksTheRun_untilItsLeaseExpires() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofSeconds(3));
        forge(new LeaseRecord(1, "elsewhere", "job-elsewhere", "sales.orders", "etl-edge-07", 4242, null, Instant.now().toString(),
                expiry.toString(), false, false));

        assertThatThrownBy(() -> harness.commitRun(harness.protocol(), "impatient", 1, new LeasePolicy(Duration.ofMinutes(2), Duration.ZERO)))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("run elsewhere (job job-elsewhere, table sales.orders) on etl-edge-07, process 4242")
                .hasMessageContaining("its lease runs until " + expiry);
        harness.commitRun(harness.protocol(), "patient", 1, new LeasePolicy(Duration.ofMinutes(2), Duration.ofSeconds(30)));

        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(harness.logView()).containsExactlyElementsOf(expected("patient", 1));
    }

    @Test
    void aHolderRenewsItsLease_beyondOneTerm() throws Exception {
        // A four-second term, renewed every 1.3 s and trusted until a second before expiry: the
        // slack for a renewal or a commit step that is slow on a busy two-core machine is over a
        // second, while five seconds' sleep still outlasts one term.
        try (PartitionWrite slow = harness.protocol().begin(ProtocolHarness.run("slow"), new LeasePolicy(Duration.ofSeconds(4), Duration.ZERO))) {
            Thread.sleep(5_000);
            assertThatThrownBy(() -> harness.protocol().begin(ProtocolHarness.run("other"), new LeasePolicy(Duration.ofMinutes(2), Duration.ZERO)))
                    .hasMessageContaining("is being written by run slow");
            slow.commit(harness.writeFiles(slow, "slow", 1), "sales.orders");
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected("slow", 1));
    }

    @Test
    void eachRunTakesTheNextEpoch_andOnlyTheNewestIsKept() throws Exception {
        harness.commitRun("one", 1);
        assertThat(epochs()).containsExactly("0000000001.json");
        harness.commitRun("two", 1);
        assertThat(epochs()).containsExactly("0000000002.json");
        LeaseRecord released = LeaseRecord.fromJson(harness.store.read(PartitionLease.epochPath(
                harness.location.leaseDir(ProtocolHarness.DS), 2)).orElseThrow());
        assertThat(released.released).isTrue();
        assertThat(released.runId).isEqualTo("two");
    }

    @Test
    void aRunThatSawAnEpochBeforeItWasPruned_cannotTakeTheLeaseWithIt() throws Exception {
        harness.commitRun("first", 1);
        String leaseDir = harness.location.leaseDir(ProtocolHarness.DS).toString();
        StallingStore stalling = new StallingStore(harness.store, op -> op.startsWith("createExclusive " + leaseDir),
                StallingStore.When.BEFORE);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // "late" saw epoch 1 released and stalls before creating epoch 2; meanwhile two runs
            // take epochs 2 and 3, the second pruning 1 and 2, so epoch 2's name is free again.
            Future<PartitionWrite> late = pool.submit(() -> harness.protocol(stalling, List.of())
                    .begin(ProtocolHarness.run("late"), new LeasePolicy(Duration.ofMinutes(2), Duration.ZERO)));
            stalling.awaitStall();
            harness.commitRun("second", 1);
            try (PartitionWrite holder = harness.protocol().begin(ProtocolHarness.run("holder"),
                    new LeasePolicy(Duration.ofMinutes(2), Duration.ZERO))) {
                List<WrittenFile> files = harness.writeFiles(holder, "holder", 2);
                stalling.resume();
                assertThatThrownBy(() -> late.get(60, TimeUnit.SECONDS).close())
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("is being written by run holder");
                holder.commit(files, "sales.orders");
            }
        } finally {
            stalling.resume();
            pool.shutdownNow();
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected("holder", 2));
        assertThat(epochs()).containsExactly("0000000003.json");
    }

    @Test
    void aHolderStalledPastItsLeaseBeforeItsCommitPoint_commitsNothing_evenWhereItsSequenceWasPrunedMeanwhile() throws Exception {
        // Base is version 1; the stalled run's entry 2 is taken, then pruned, by the runs meanwhile.
        RecordingCatalog catalog = new RecordingCatalog();
        Outcome outcome = stallAtTheCommitPoint("createExclusive", StallingStore.When.BEFORE, CommitLog.KEEP + 1, List.of(catalog));
        assertThat(outcome.thrown()).hasMessageContaining("This run lost its lease on partition")
                .hasMessageContaining("run next-11 (job job-next-11) has committed version 12 since");
        assertThat(catalog.runs()).doesNotContain("stalled").endsWith("next-11");
    }

    @Test
    void aHolderStalledPastItsLeaseAfterItsCommitPoint_leavesTheNewerVersionAlone() throws Exception {
        // The stalled run's entry 2 landed; the next run builds version 3 on it.
        RecordingCatalog catalog = new RecordingCatalog();
        Outcome outcome = stallAtTheCommitPoint("createExclusive", StallingStore.When.AFTER, 1, List.of(catalog));
        assertThat(outcome.thrown()).hasMessageContaining("This run lost its lease on partition")
                .hasMessageContaining("run next-1 (job job-next-1) has committed version 3 since");
        // The next run found entry 2 committed, so its start-up sweep switched the catalog to it first.
        assertThat(catalog.runs()).containsExactly("base", "stalled", "next-1");
    }

    @Test
    void aHolderStalledPastItsLeaseAfterReadingItsCommitBack_retiresOnlyWhatThePartitionHeldWhenItBegan() throws Exception {
        // The stalled run saw its entry 2 current, then stalls while the next run commits version 3.
        Outcome outcome = stallAtTheCommitPoint("read", StallingStore.When.AFTER, 1, List.of());
        assertThat(outcome.thrown()).isNull();
    }

    @Test
    void aHolderStalledPastItsLeaseBetweenReadingItsCommitBackAndTheCatalogSwitch_pointsTheCatalogBackAtTheNewerVersion()
            throws Exception {
        // The stalled run saw its entry 2 current; the next run commits version 3, switches the
        // catalog and removes version 2; then the stalled run switches the catalog to version 2.
        RecordingCatalog catalog = new RecordingCatalog();
        Outcome outcome = stallAtTheCommitPoint("read", StallingStore.When.AFTER, 1, List.of(catalog));
        assertThat(outcome.thrown()).hasMessageContaining("This run lost its lease on partition")
                .hasMessageContaining("while switching the test catalog: run next-1 (job job-next-1) has committed version 3")
                .hasMessageContaining("the test catalog points at version 3 again");
        // The next run's start-up sweep switched it to the committed entry 2 before committing 3.
        assertThat(catalog.runs()).containsExactly("base", "stalled", "next-1", "stalled", "next-1");
        assertThat(harness.fs.exists(catalog.current().directory())).isTrue();
    }

    @Test
    void whenTheCatalogCannotBePointedBackAfterSuchAStall_theRunSaysSo_andCleanSwitchesIt() throws Exception {
        RecordingCatalog catalog = new RecordingCatalog();
        catalog.goDownAfter(4); // base, the next run's sweep, next-1, then the stalled run's late switch
        Outcome outcome = stallAtTheCommitPoint("read", StallingStore.When.AFTER, 1, List.of(catalog));
        assertThat(outcome.thrown()).isNull();
        assertThat(outcome.committed().unfinished()).get().asString()
                .contains("but a later run committed while this run switched the test catalog and pointing it at version 3"
                        + " failed: it may point at a version that run removed");
        assertThat(catalog.current().manifest().runId).isEqualTo("stalled");

        catalog.setDown(false);
        harness.protocol(harness.store, List.of(catalog)).clean(false);
        assertThat(catalog.current().manifest().runId).isEqualTo("next-1");
        assertThat(harness.fs.exists(catalog.current().directory())).isTrue();
    }

    @Test
    void aRunStalledPastItsLeaseBeforeItsStartUpSweep_removesNothingALaterHolderOwns() throws Exception {
        // The stalled run read version 1 as current; the next run commits version 3 meanwhile, so
        // to the stalled run's sweep the current version looks like one to remove.
        RecordingCatalog catalog = new RecordingCatalog();
        List<VersionPublisher> catalogs = List.of(catalog);
        harness.commitRun(harness.protocol(harness.store, catalogs), "base", 2, LeasePolicy.defaults());
        String entry = "read " + harness.location.commitLogDir(ProtocolHarness.DS);
        StallingStore stalling = new StallingStore(harness.store, op -> op.startsWith(entry) && op.endsWith("0000000001.json"),
                StallingStore.When.AFTER);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<PartitionWrite> begin = pool.submit(() -> harness.protocol(stalling, catalogs)
                    .begin(ProtocolHarness.run("stalled"), new LeasePolicy(Duration.ofSeconds(2), Duration.ZERO)));
            stalling.awaitStall();
            harness.commitRun(harness.protocol(harness.store, catalogs), "next", 3,
                    new LeasePolicy(Duration.ofMinutes(2), Duration.ofSeconds(30)));
            stalling.resume();
            assertThatThrownBy(() -> begin.get(60, TimeUnit.SECONDS)).hasMessageContaining("This run lost its lease on partition");
        } finally {
            stalling.resume();
            pool.shutdownNow();
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected("next", 3));
        assertThat(harness.pathView()).isEqualTo(whole("next", 3));
        assertThat(catalog.runs()).containsExactly("base", "next");
    }

    /**
     * A holder stalls at an operation on its commit log entry 2 for longer than its lease while
     * other runs commit; when it goes on, it must neither point readers at its files nor remove the
     * newer version. {@code catalogs} are every run's. Returns how its commit ended.
     */
    private Outcome stallAtTheCommitPoint(String operation, StallingStore.When when, int commitsMeanwhile,
            List<VersionPublisher> catalogs) throws Exception {
        harness.commitRun(harness.protocol(harness.store, catalogs), "base", 2, LeasePolicy.defaults());
        String entry = operation + " " + harness.location.commitLogDir(ProtocolHarness.DS);
        StallingStore stalling = new StallingStore(harness.store, op -> op.startsWith(entry) && op.endsWith("0000000002.json"), when);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        String last = "next-" + commitsMeanwhile;
        Outcome outcome;
        try (PartitionWrite stalled = harness.protocol(stalling, catalogs).begin(ProtocolHarness.run("stalled"),
                new LeasePolicy(Duration.ofSeconds(2), Duration.ZERO))) {
            List<WrittenFile> files = harness.writeFiles(stalled, "stalled", 2);
            Future<CommittedVersion> commit = pool.submit(() -> stalled.commit(files, "sales.orders"));
            stalling.awaitStall();
            for (int i = 1; i <= commitsMeanwhile; i++) {
                harness.commitRun(harness.protocol(harness.store, catalogs), "next-" + i, 3, new LeasePolicy(Duration.ofMinutes(2), Duration.ofSeconds(30)));
            }
            stalling.resume();
            try {
                outcome = new Outcome(commit.get(60, TimeUnit.SECONDS), null);
            } catch (ExecutionException e) {
                outcome = new Outcome(null, e.getCause());
            }
        } finally {
            stalling.resume();
            pool.shutdownNow();
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected(last, 3));
        assertThat(harness.pathView()).isEqualTo(whole(last, 3));
        assertThat(harness.leftovers()).isEmpty();
        return outcome;
    }

    /** A commit's end: what it returned, or what it threw. */
    private record Outcome(CommittedVersion committed, Throwable thrown) {
    }

    private void forge(LeaseRecord record) throws Exception {
        assertThat(harness.store.createExclusive(PartitionLease.epochPath(harness.location.leaseDir(ProtocolHarness.DS), record.epoch),
                record.toJson())).isTrue();
    }

    private List<String> epochs() throws Exception {
        List<String> names = new ArrayList<>();
        for (FileStatus status : harness.store.list(harness.location.leaseDir(ProtocolHarness.DS))) {
            names.add(status.getPath().getName());
        }
        return names;
    }
}
