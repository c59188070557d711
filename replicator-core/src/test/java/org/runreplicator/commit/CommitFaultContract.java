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
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * Fails every store operation of a run in turn, on a real store, and checks after each that
 * readers see one whole version (the previous or the new), and that a rerun then commits.
 */
abstract class CommitFaultContract extends ProtocolContractBase {
    private static final LeasePolicy SHORT = new LeasePolicy(Duration.ofSeconds(3), Duration.ofSeconds(15));

    @Test
    void failingAnyOneOperationOfARun_leavesAWholeVersionCurrent_andARerunCommits() throws Exception {
        harness.commitRun("base", 3);
        String current = "base";
        int currentFiles = 3;
        List<String> outcomes = new ArrayList<>();
        for (int n = 1; ; n++) {
            for (FaultyStore.Mode mode : FaultyStore.Mode.values()) {
                FaultyStore faulty = new FaultyStore(harness.store).failing(n, mode);
                String runId = "try-" + n + "-" + mode.name().toLowerCase().replace('_', '-');
                boolean committed = false;
                try {
                    CommittedVersion version = harness.commitRun(harness.protocol(faulty, List.of()), runId, 2, SHORT);
                    committed = true;
                    outcomes.add(n + " " + mode + ": committed" + version.unfinished().map(e -> " (unfinished)").orElse(""));
                } catch (ReplicatorException e) {
                    outcomes.add(n + " " + mode + ": " + e.kind() + " " + e.getMessage());
                    assertThat(e.kind()).as("failure at operation %d (%s)", n, mode).isEqualTo(FailureKind.TARGET);
                }
                if (!faulty.triggered()) {
                    assertThat(committed).isTrue();
                    assertThat(n).as("operations in one run").isGreaterThan(10);
                    return;
                }
                String expectedRun = committed ? runId : current;
                int expectedFiles = committed ? 2 : currentFiles;
                String context = "after failing operation " + n + " (" + mode + ") of " + faulty.history();
                assertThat(harness.logView()).as(context).containsExactlyElementsOf(expected(expectedRun, expectedFiles));
                Map<String, TreeSet<Integer>> listed = harness.pathView();
                assertThat(listed).as(context).containsEntry(expectedRun, whole(expectedRun, expectedFiles).get(expectedRun));
                String previous = current;
                int previousFiles = currentFiles;
                assertThat(listed).as(context).allSatisfy((run, splits) -> assertThat(splits).as("files of %s", run)
                        .isEqualTo(whole(run, run.equals(previous) ? previousFiles : 2).get(run)));

                String rerun = "rerun-" + n + "-" + mode.name().toLowerCase().replace('_', '-');
                harness.commitRun(harness.protocol(), rerun, 1, SHORT);
                assertThat(harness.logView()).as(context).containsExactlyElementsOf(expected(rerun, 1));
                assertThat(harness.pathView()).as(context).isEqualTo(whole(rerun, 1));
                assertThat(harness.leftovers()).as(context).isEmpty();
                current = rerun;
                currentFiles = 1;
            }
        }
    }

    @Test
    void aCommitPointWriteThatSucceededButReportedFailure_isReadBack_andTheRunCommits() throws Exception {
        harness.commitRun("base", 2);
        FaultyStore faulty = new FaultyStore(harness.store);
        int append = appendOperation();
        faulty.failing(append, FaultyStore.Mode.FAIL_AFTER);

        CommittedVersion version = harness.commitRun(harness.protocol(faulty, List.of()), "run-b", 2, SHORT);

        assertThat(faulty.triggered()).isTrue();
        assertThat(version.manifest().sequence).isEqualTo(2);
        assertThat(harness.logView()).containsExactlyElementsOf(expected("run-b", 2));
        assertThat(harness.pathView()).isEqualTo(whole("run-b", 2));
    }

    @Test
    void whenTheStoreGoesDownAtTheCommitPoint_beforeTheWrite_nothingIsDeleted_andTheNextRunSeesThePreviousVersion() throws Exception {
        unknownOutcome(FaultyStore.Mode.FAIL_BEFORE, "base", 3);
    }

    @Test
    void whenTheStoreGoesDownAtTheCommitPoint_afterTheWrite_nothingIsDeleted_andTheNextRunSeesTheNewVersion() throws Exception {
        unknownOutcome(FaultyStore.Mode.FAIL_AFTER, "lost", 2);
    }

    private void unknownOutcome(FaultyStore.Mode how, String survivor, int survivorFiles) throws Exception {
        harness.commitRun("base", 3);
        FaultyStore faulty = new FaultyStore(harness.store);
        if (how == FaultyStore.Mode.FAIL_AFTER) {
            faulty.downAfter(op -> op.startsWith("createExclusive") && op.contains("/_commits/"));
        } else {
            faulty.downAt(op -> op.startsWith("createExclusive") && op.contains("/_commits/"));
        }
        // Long enough to outlast the commit point's retries (about 4 s): the lease must still be held after them.
        LeasePolicy lease = new LeasePolicy(Duration.ofSeconds(8), Duration.ZERO);

        assertThatThrownBy(() -> harness.commitRun(harness.protocol(faulty, List.of()), "lost", 2, lease))
                .isInstanceOf(CommitOutcomeUnknownException.class)
                .hasMessageContaining("Cannot tell whether partition")
                .hasMessageContaining("Nothing was deleted");

        // Nothing deleted: the previous version and this run's published version are both still there.
        assertThat(harness.versions()).containsExactly("run-base", "run-lost");
        assertThat(harness.pathView()).isEqualTo(Map.of("base", whole("base", 3).get("base"), "lost", whole("lost", 2).get("lost")));
        // The lease is still held, so nothing else touches what the run published until it expires.
        assertThatThrownBy(() -> harness.commitRun(harness.protocol(), "eager", 1, new LeasePolicy(Duration.ofSeconds(3), Duration.ZERO)))
                .hasMessageContaining("is being written by run lost");

        assertThat(harness.logView()).containsExactlyElementsOf(expected(survivor, survivorFiles));
        harness.commitRun(harness.protocol(), "next", 1, new LeasePolicy(Duration.ofSeconds(3), Duration.ofSeconds(20)));
        assertThat(harness.logView()).containsExactlyElementsOf(expected("next", 1));
        assertThat(harness.pathView()).isEqualTo(whole("next", 1));
        assertThat(harness.leftovers()).isEmpty();
    }

    /** The number of the commit log append among a clean run's operations. */
    private int appendOperation() throws Exception {
        ProtocolHarness probe = new ProtocolHarness(newStore());
        probe.commitRun("base", 2);
        FaultyStore counting = new FaultyStore(probe.store);
        probe.commitRun(probe.protocol(counting, List.of()), "probe", 2, SHORT);
        for (String op : counting.history()) {
            if (op.contains("createExclusive") && op.contains("/_commits/")) {
                return Integer.parseInt(op.substring(0, op.indexOf(' ')));
            }
        }
        throw new AssertionError("No commit log append in " + counting.history());
    }
}
