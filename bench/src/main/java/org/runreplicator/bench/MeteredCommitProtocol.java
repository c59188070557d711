package org.runreplicator.bench;

import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.RunIdentity;
import org.runreplicator.commit.CleanReport;
import org.runreplicator.commit.CommitProtocol;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.LeasePolicy;
import org.runreplicator.commit.PartitionWrite;
import org.runreplicator.parquet.WrittenFile;

/**
 * A {@link CommitProtocol} that marks the proxy's traffic at each step of one run's partition
 * write (begun, commit started, commit ended, closed) and times {@link PartitionWrite#commit}, so
 * the bytes the job sent are split into before, during and after the commit. A
 * {@link CommitWatcher} is told just before and after the commit (the benchmark's lister).
 * One instance per run.
 */
final class MeteredCommitProtocol implements CommitProtocol {
    /** Told around the commit; {@link #commitStarting} returns before the commit (and its timing) starts. */
    interface CommitWatcher {
        CommitWatcher NONE = new CommitWatcher() {
            @Override
            public void commitStarting() {
            }

            @Override
            public void commitEnded() {
            }
        };

        void commitStarting();

        void commitEnded();
    }

    /** The marks of one run; a mark is null when the run did not get that far. */
    record Marks(ProxyTraffic.Mark begun, ProxyTraffic.Mark commitStarted, ProxyTraffic.Mark commitEnded, ProxyTraffic.Mark closed,
                 double commitWallSeconds) {
    }

    private final CommitProtocol delegate;
    private final ProxyTraffic traffic;
    private final CommitWatcher watcher;
    private volatile ProxyTraffic.Mark begun;
    private volatile ProxyTraffic.Mark commitStarted;
    private volatile ProxyTraffic.Mark commitEnded;
    private volatile ProxyTraffic.Mark closed;
    private volatile double commitWallSeconds = Double.NaN;

    MeteredCommitProtocol(CommitProtocol delegate, ProxyTraffic traffic, CommitWatcher watcher) {
        this.delegate = delegate;
        this.traffic = traffic;
        this.watcher = watcher;
    }

    Marks marks() {
        return new Marks(begun, commitStarted, commitEnded, closed, commitWallSeconds);
    }

    @Override
    public PartitionWrite begin(RunIdentity run, LeasePolicy lease) {
        begun = traffic.mark();
        return new MeteredWrite(delegate.begin(run, lease));
    }

    @Override
    public CleanReport clean(boolean dryRun) {
        return delegate.clean(dryRun);
    }

    private final class MeteredWrite implements PartitionWrite {
        private final PartitionWrite write;

        MeteredWrite(PartitionWrite write) {
            this.write = write;
        }

        @Override
        public FileSystem fileSystem() {
            return write.fileSystem();
        }

        @Override
        public void claim(String source) {
            write.claim(source);
        }

        @Override
        public Path splitDir(int splitIndex) {
            return write.splitDir(splitIndex);
        }

        @Override
        public Path attemptDir(int splitIndex, int attempt) {
            return write.attemptDir(splitIndex, attempt);
        }

        @Override
        public void discard(int splitIndex, int attempt) {
            write.discard(splitIndex, attempt);
        }

        @Override
        public CommittedVersion commit(List<WrittenFile> files, String source) {
            watcher.commitStarting();
            commitStarted = traffic.mark();
            long started = System.nanoTime();
            try {
                return write.commit(files, source);
            } finally {
                commitWallSeconds = (System.nanoTime() - started) / 1e9;
                commitEnded = traffic.mark();
                watcher.commitEnded();
            }
        }

        @Override
        public void close() {
            try {
                write.close();
            } finally {
                closed = traffic.mark();
            }
        }
    }
}
