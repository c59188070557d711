package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.runreplicator.RunIdentity;
import org.runreplicator.commit.CleanReport;
import org.runreplicator.commit.CommitProtocol;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.LeasePolicy;
import org.runreplicator.commit.PartitionWrite;
import org.runreplicator.parquet.WrittenFile;

class MeteredCommitProtocolTest {
    private final ProxyTraffic traffic = new ProxyTraffic();
    private final List<String> events = new ArrayList<>();

    /** A store that "sends" a fixed number of bytes at each step. */
    private final CommitProtocol store = new CommitProtocol() {
        @Override
        public PartitionWrite begin(RunIdentity run, LeasePolicy lease) {
            traffic.sentToServer(1_000);
            return new PartitionWrite() {
                @Override
                public FileSystem fileSystem() {
                    return null;
                }

                @Override
                public void claim(String source) {
                    events.add("claim");
                }

                @Override
                public Path splitDir(int splitIndex) {
                    return new Path("/staging/split-" + splitIndex);
                }

                @Override
                public Path attemptDir(int splitIndex, int attempt) {
                    traffic.sentToServer(10_000_000);
                    return null;
                }

                @Override
                public void discard(int splitIndex, int attempt) {
                }

                @Override
                public CommittedVersion commit(List<WrittenFile> files, String source) {
                    events.add("commit");
                    traffic.sentToServer(50_000);
                    return null;
                }

                @Override
                public void close() {
                    traffic.sentToServer(7_000);
                }
            };
        }

        @Override
        public CleanReport clean(boolean dryRun) {
            return null;
        }
    };

    private final MeteredCommitProtocol.CommitWatcher watcher = new MeteredCommitProtocol.CommitWatcher() {
        @Override
        public void commitStarting() {
            events.add("watch");
            traffic.sentToServer(3); // a watcher's own traffic must not count as the commit's
        }

        @Override
        public void commitEnded() {
            events.add("unwatch");
        }
    };

    @Test
    void bytesAreSplitIntoBeforeDuringAndAfterTheCommit_andTheWatcherStartsFirst() {
        MeteredCommitProtocol metered = new MeteredCommitProtocol(store, traffic, watcher);
        traffic.sentToServer(99); // earlier runs

        try (PartitionWrite write = metered.begin(null, LeasePolicy.defaults())) {
            write.attemptDir(0, 1);
            write.commit(List.of(), "bench.t");
        }
        MeteredCommitProtocol.Marks m = metered.marks();

        assertThat(events).containsExactly("watch", "commit", "unwatch");
        assertThat(traffic.between(m.begun(), m.commitStarted()).bytesToServer()).isEqualTo(1_000 + 10_000_000 + 3);
        assertThat(traffic.between(m.commitStarted(), m.commitEnded()).bytesToServer()).isEqualTo(50_000);
        assertThat(traffic.between(m.commitEnded(), m.closed()).bytesToServer()).isEqualTo(7_000);
        assertThat(m.commitWallSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aRunThatNeverCommitsHasNoCommitMarks() {
        MeteredCommitProtocol metered = new MeteredCommitProtocol(store, traffic, watcher);

        try (PartitionWrite write = metered.begin(null, LeasePolicy.defaults())) {
            write.discard(0, 1);
        }

        assertThat(metered.marks().commitStarted()).isNull();
        assertThat(metered.marks().closed()).isNotNull();
        assertThat(metered.marks().commitWallSeconds()).isNaN();
    }
}
