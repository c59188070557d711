package org.runreplicator.engine;

import java.sql.SQLTransientConnectionException;
import org.apache.hadoop.conf.Configuration;

/**
 * Test-only faults, switched on through the Hadoop configuration so they reach map tasks in
 * other processes as well as local threads (a test sets them with {@code -D}); every key is off
 * by default and nothing else reads them. They let the engines' tests fail or slow a split's
 * first attempt on purpose, to show that retries and speculative attempts still commit every
 * row exactly once.
 */
final class FaultHooks {
    /** When true, every split's first attempt fails, transiently, after writing all its rows. */
    static final String FAIL_FIRST_ATTEMPT = "replicator.test.fail-first-attempt";
    /** Milliseconds the first attempt of split {@link #SLOW_SPLIT} waits before it reads. */
    static final String SLOW_FIRST_ATTEMPT_MS = "replicator.test.slow-first-attempt-ms";
    static final String SLOW_SPLIT = "replicator.test.slow-split";

    private final boolean failFirst;
    private final long slowMillis;
    private final int slowSplit;

    FaultHooks(Configuration conf) {
        this.failFirst = conf.getBoolean(FAIL_FIRST_ATTEMPT, false);
        this.slowMillis = conf.getLong(SLOW_FIRST_ATTEMPT_MS, 0);
        this.slowSplit = conf.getInt(SLOW_SPLIT, 0);
    }

    /** Called when an attempt starts, before it reads. */
    void beforeRead(int splitIndex, int attempt) throws InterruptedException {
        if (attempt == 1 && slowMillis > 0 && splitIndex == slowSplit) {
            Thread.sleep(slowMillis);
        }
    }

    /** Called when an attempt has written its rows, before it finishes its files. */
    void beforeFinish(int splitIndex, int attempt) throws SQLTransientConnectionException {
        if (attempt == 1 && failFirst) {
            throw new SQLTransientConnectionException("Fault injected into the first attempt of split " + splitIndex, "08006");
        }
    }
}
