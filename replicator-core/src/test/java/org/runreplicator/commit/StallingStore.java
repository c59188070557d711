package org.runreplicator.commit;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.runreplicator.testing.InterceptingCommitStore;

/**
 * A real store that holds a run's thread at one chosen operation, just before or just after it
 * happens, until the test lets it go on: a process paused by a long garbage collection or a
 * suspended machine. While the run is held, its lease renewals fail too, so its lease lapses.
 */
final class StallingStore extends InterceptingCommitStore {
    enum When { BEFORE, AFTER }

    private final Predicate<String> at;
    private final When when;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);

    StallingStore(CommitStore delegate, Predicate<String> at, When when) {
        super(delegate);
        this.at = at;
        this.when = when;
    }

    /** Waits until the run is held at its operation. */
    void awaitStall() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the run never reached the operation it is to stall at");
        }
    }

    /** Lets the held run go on. */
    void resume() {
        resumed.countDown();
    }

    @Override
    protected <T> T intercept(String operation, Operation<T> run) throws IOException {
        if (Thread.currentThread().getName().startsWith("lease-renewer")) {
            if (reached.getCount() == 0 && resumed.getCount() > 0) {
                throw new IOException("the process is stalled: " + operation);
            }
            return run.run();
        }
        boolean stallHere = reached.getCount() > 0 && at.test(operation);
        if (stallHere && when == When.BEFORE) {
            stall();
        }
        T result = run.run();
        if (stallHere && when == When.AFTER) {
            stall();
        }
        return result;
    }

    private void stall() throws IOException {
        reached.countDown();
        try {
            resumed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stalled", e);
        }
    }
}
