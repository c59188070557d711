package org.runreplicator.commit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.runreplicator.testing.InterceptingCommitStore;

/**
 * A real store that fails on purpose: the Nth operation (counted on the run's own threads, not
 * the lease renewer's, so the count is repeatable) fails before it happens, or after it happened
 * ("succeeds but reports failure"), or the store goes down from an operation on. Used to fail
 * every step of a commit in turn.
 */
final class FaultyStore extends InterceptingCommitStore {
    enum Mode { FAIL_BEFORE, FAIL_AFTER }

    private final AtomicInteger count = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private volatile int failAt = -1;
    private volatile Mode mode = Mode.FAIL_BEFORE;
    private volatile Predicate<String> downFrom;
    private volatile Mode downMode = Mode.FAIL_BEFORE;
    private volatile boolean down;
    private volatile boolean triggered;

    FaultyStore(CommitStore delegate) {
        super(delegate);
    }

    /** Fails operation number {@code n} (1-based) once, in the given way. */
    FaultyStore failing(int n, Mode how) {
        this.failAt = n;
        this.mode = how;
        return this;
    }

    /** From the first operation whose description matches (performed, then reported failed), every operation fails. */
    FaultyStore downAfter(Predicate<String> operation) {
        this.downFrom = operation;
        this.downMode = Mode.FAIL_AFTER;
        return this;
    }

    /** From the first operation whose description matches (not performed), every operation fails. */
    FaultyStore downAt(Predicate<String> operation) {
        this.downFrom = operation;
        this.downMode = Mode.FAIL_BEFORE;
        return this;
    }

    /** Every operation from now on fails. */
    void goDown() {
        down = true;
    }

    /** The store answers again. */
    void comeBack() {
        down = false;
    }

    boolean triggered() {
        return triggered;
    }

    int operations() {
        return count.get();
    }

    synchronized List<String> history() {
        return List.copyOf(log);
    }

    @Override
    protected <T> T intercept(String description, Operation<T> operation) throws IOException {
        boolean renewer = Thread.currentThread().getName().startsWith("lease-renewer");
        if (down) {
            throw new IOException("injected: the store is down (" + description + ")");
        }
        if (downFrom != null && downFrom.test(description)) {
            down = true;
            triggered = true;
            if (downMode == Mode.FAIL_AFTER) {
                operation.run();
            }
            throw new IOException("injected: the store went down at " + description);
        }
        if (renewer) {
            return operation.run();
        }
        int n = count.incrementAndGet();
        synchronized (this) {
            log.add(n + " " + description);
        }
        if (n == failAt) {
            triggered = true;
            if (mode == Mode.FAIL_AFTER) {
                operation.run();
                throw new IOException("injected: operation " + n + " succeeded but reported failure (" + description + ")");
            }
            throw new IOException("injected: operation " + n + " failed (" + description + ")");
        }
        return operation.run();
    }
}
