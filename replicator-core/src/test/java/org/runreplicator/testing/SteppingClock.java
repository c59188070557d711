package org.runreplicator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves one step forward each time it is read, so every write a test makes has its own instant. */
public final class SteppingClock extends Clock {
    private final AtomicReference<Instant> next;
    private final Duration step;

    public SteppingClock(Instant start, Duration step) {
        this.next = new AtomicReference<>(start);
        this.step = step;
    }

    @Override
    public Instant instant() {
        return next.getAndUpdate(i -> i.plus(step));
    }

    /** The instant the next read returns, without advancing. */
    public Instant peek() {
        return next.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
