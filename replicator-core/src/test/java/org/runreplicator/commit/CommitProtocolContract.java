package org.runreplicator.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.runreplicator.commit.ProtocolHarness.expected;
import static org.runreplicator.commit.ProtocolHarness.whole;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/** What {@link CommitProtocol} promises readers and runs, on a real store; one subclass per store. */
abstract class CommitProtocolContract extends ProtocolContractBase {

    @Test
    void commitMakesExactlyTheRunsFilesCurrent_forEveryKindOfReader_andLeavesNoStaging() throws Exception {
        CommittedVersion committed = harness.commitRun("run-a", 3);

        assertThat(committed.manifest().sequence).isEqualTo(1);
        assertThat(committed.manifest().rows).isEqualTo(60);
        assertThat(committed.directory().getName()).isEqualTo("run-run-a");
        assertThat(committed.unfinished()).isEmpty();
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-a", 3));
        assertThat(harness.pathView()).isEqualTo(whole("run-a", 3));
        assertThat(harness.leftovers()).isEmpty();
    }

    @Test
    void replacingWithFewerFiles_leavesNoFileOfThePreviousVersionVisible() throws Exception {
        harness.commitRun("run-a", 5);
        CommittedVersion second = harness.commitRun("run-b", 2);

        assertThat(second.manifest().sequence).isEqualTo(2);
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-b", 2));
        assertThat(harness.pathView()).isEqualTo(whole("run-b", 2));
        assertThat(harness.versions()).containsExactly("run-run-b");
        assertThat(harness.leftovers()).isEmpty();
    }

    @Test
    void aRunThatEndsWithoutCommitting_leavesThePreviousVersionAsItWas_andNothingOfItsOwn() throws Exception {
        harness.commitRun("run-a", 3);
        try (PartitionWrite write = harness.protocol().begin(ProtocolHarness.run("run-b"), LeasePolicy.defaults())) {
            harness.writeFiles(write, "run-b", 4);
        }

        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-a", 3));
        assertThat(harness.pathView()).isEqualTo(whole("run-a", 3));
        assertThat(harness.leftovers()).isEmpty();
        assertThat(harness.commitRun("run-c", 1).manifest().sequence).isEqualTo(2);
    }

    @Test
    void aSecondRunOfTheSamePartition_failsAtOnceNamingTheHolder_andCommitsNothing() throws Exception {
        harness.commitRun("run-a", 2);
        try (PartitionWrite first = harness.protocol().begin(ProtocolHarness.run("run-b"), LeasePolicy.defaults())) {
            assertThatThrownBy(() -> harness.protocol().begin(ProtocolHarness.run("run-c"), LeasePolicy.defaults()))
                    .isInstanceOf(ReplicatorException.class)
                    .hasMessageContaining("is being written by run run-b (job job-run-b, table sales.orders)")
                    .hasMessageContaining("--wait-for-lock")
                    .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET));
            first.commit(harness.writeFiles(first, "run-b", 3), "sales.orders");
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-b", 3));
    }

    @Test
    void runsStartedTogether_commitOneAfterAnother_whileReadersOnlyEverSeeWholeVersions() throws Exception {
        harness.commitRun("run-0", 3);
        int runs = 4;
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> violations = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(runs + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                while (running.get()) {
                    try {
                        readOnce(violations);
                    } catch (java.io.IOException | RuntimeException e) {
                        // A version removed while being read fails the read loudly: allowed, unlike wrong rows.
                    }
                }
                return null;
            });
            CyclicBarrier start = new CyclicBarrier(runs);
            List<Future<CommittedVersion>> commits = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                String runId = "run-" + i;
                commits.add(pool.submit(() -> {
                    start.await();
                    return harness.commitRun(harness.protocol(), runId, 3, new LeasePolicy(Duration.ofSeconds(30), Duration.ofSeconds(60)));
                }));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<CommittedVersion> commit : commits) {
                sequences.add(commit.get(120, TimeUnit.SECONDS).manifest().sequence);
            }
            running.set(false);
            reader.get(30, TimeUnit.SECONDS);
            assertThat(sequences).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(harness.pathView()).hasSize(1);
        assertThat(harness.leftovers()).isEmpty();
    }

    private void readOnce(List<String> violations) throws java.io.IOException {
        List<String> seen = harness.logView();
        String run = seen.isEmpty() ? "?" : seen.get(0).split("/")[0];
        if (!seen.equals(expected(run, 3))) {
            violations.add("log reader saw " + seen);
        }
        for (Map.Entry<String, TreeSet<Integer>> version : harness.pathView().entrySet()) {
            if (harness.store.movesDirectoriesAtomically() && !version.getValue().equals(whole("x", 3).get("x"))) {
                violations.add("path reader saw part of " + version);
            }
        }
    }

    @Test
    void aRunThatStalledPastItsLease_cannotCommit_afterAnotherRunTookThePartition() throws Exception {
        harness.commitRun("run-a", 2);
        FaultyStore flaky = new FaultyStore(harness.store);
        try (PartitionWrite stalled = harness.protocol(flaky, List.of()).begin(ProtocolHarness.run("run-b"),
                new LeasePolicy(Duration.ofSeconds(2), Duration.ZERO))) {
            List<org.runreplicator.parquet.WrittenFile> files = harness.writeFiles(stalled, "run-b", 2);
            flaky.goDown(); // run-b cannot renew: its lease lapses, and run-c takes the partition
            Thread.sleep(2_500);
            harness.commitRun(harness.protocol(), "run-c", 1, LeasePolicy.defaults());
            flaky.comeBack();

            assertThatThrownBy(() -> stalled.commit(files, "sales.orders"))
                    .isInstanceOf(ReplicatorException.class)
                    .hasMessageContaining("lost its lease")
                    .hasMessageContaining("commits nothing");
        }
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-c", 1));
        assertThat(harness.pathView()).isEqualTo(whole("run-c", 1));
    }

    @Test
    void cleanRemovesWhatAKilledRunLeft_andADryRunOnlyListsIt() throws Exception {
        harness.commitRun("run-a", 2);
        FaultyStore dying = new FaultyStore(harness.store);
        PartitionWrite killed = harness.protocol(dying, List.of()).begin(ProtocolHarness.run("run-dead"),
                new LeasePolicy(Duration.ofSeconds(1), Duration.ZERO));
        harness.writeFiles(killed, "run-dead", 2);
        dying.goDown(); // the process is gone: nothing it does reaches the store any more
        Thread.sleep(1_200);

        CleanReport dry = harness.protocol().clean(true);
        assertThat(dry.removed()).anySatisfy(line -> assertThat(line).contains("run-dead").contains("staging of dead run"));
        assertThat(harness.leftovers()).isNotEmpty();

        CleanReport done = harness.protocol().clean(false);
        assertThat(done.removed()).hasSameElementsAs(dry.removed());
        assertThat(harness.leftovers()).isEmpty();
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-a", 2));
        killed.close();
    }

    @Test
    void cleanSkipsAPartitionThatALiveRunIsWriting() throws Exception {
        harness.commitRun("run-a", 1);
        try (PartitionWrite live = harness.protocol().begin(ProtocolHarness.run("run-live"), LeasePolicy.defaults())) {
            harness.writeFiles(live, "run-live", 1);
            CleanReport report = harness.protocol().clean(false);
            assertThat(report.removed()).isEmpty();
            assertThat(report.skipped()).singleElement().asString().contains("run run-live");
            assertThat(harness.leftovers()).isNotEmpty();
        }
    }

    @Test
    void whenACatalogCannotBeSwitched_thePreviousVersionStays_andTheNextRunSwitchesItBeforeRemovingAnything() throws Exception {
        harness.commitRun("run-a", 2);
        RecordingCatalog catalog = new RecordingCatalog();
        catalog.setDown(true);
        CommittedVersion committed = harness.commitRun(harness.protocol(harness.store, List.of(catalog)), "run-b", 1,
                LeasePolicy.defaults());

        assertThat(committed.unfinished()).get().asString().contains("could not point the test catalog at it")
                .contains("metastore unreachable");
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-b", 1));
        assertThat(harness.versions()).containsExactly("run-run-a", "run-run-b");

        catalog.setDown(false);
        harness.commitRun(harness.protocol(harness.store, List.of(catalog)), "run-c", 1, LeasePolicy.defaults());
        assertThat(catalog.runs()).containsExactly("run-b", "run-c");
        assertThat(harness.versions()).containsExactly("run-run-c");
    }
}
