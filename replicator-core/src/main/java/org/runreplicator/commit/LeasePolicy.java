package org.runreplicator.commit;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a run holds its partition's lease: it expires {@code ttl} after the holder last renewed it
 * (renewal runs every third of that), and a run that finds the lease held waits up to
 * {@code waitForLock} for it before failing.
 */
public final class LeasePolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    private final Duration ttl;
    private final Duration waitForLock;

    public LeasePolicy(Duration ttl, Duration waitForLock) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("A lease must last at least a second, not " + ttl);
        }
        this.ttl = ttl;
        this.waitForLock = waitForLock.isNegative() ? Duration.ZERO : waitForLock;
    }

    /** Two-minute leases; a held partition fails the run at once. */
    public static LeasePolicy defaults() {
        return new LeasePolicy(DEFAULT_TTL, Duration.ZERO);
    }

    public Duration ttl() {
        return ttl;
    }

    public Duration waitForLock() {
        return waitForLock;
    }

    Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    /** How close to expiry a holder stops trusting its lease: it must not start a commit step that could outlive it. */
    Duration safetyMargin() {
        return ttl.dividedBy(4);
    }

    Duration pollEvery() {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : tenth;
    }
}
