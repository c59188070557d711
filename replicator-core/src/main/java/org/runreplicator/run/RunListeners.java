package org.runreplicator.run;

import java.util.ArrayList;
import java.util.List;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers a run's events to its listeners with the semantics {@link RunListener} promises. */
final class RunListeners {
    private static final Logger LOG = LoggerFactory.getLogger(RunListeners.class);

    private final List<RunListener> listeners;

    RunListeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tells every listener; the first that throws stops the run before it starts. */
    void started(RunIdentity run) {
        for (RunListener listener : listeners) {
            listener.started(run);
        }
    }

    /** Tells every listener even if one fails; a failure becomes a {@link CommittedRunException} carrying the summary. */
    void committed(RunIdentity run, RunSummary summary) {
        List<RuntimeException> failures = new ArrayList<>();
        for (RunListener listener : listeners) {
            try {
                listener.committed(run, summary);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            CommittedRunException failure = new CommittedRunException("Committed " + summary.rows + " rows of " + run.table()
                    + " to " + summary.location + ", but then: " + first.getMessage(), summary, first);
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Tells every listener; what they throw is logged, never reported over the run's own failure. */
    void failed(RunIdentity run, ReplicatorException failure) {
        for (RunListener listener : listeners) {
            try {
                listener.failed(run, failure);
            } catch (RuntimeException e) {
                LOG.warn("Could not report the failure of {} to {}: {}", run, listener.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    static ReplicatorException asFailure(RuntimeException e) {
        return e instanceof ReplicatorException ? (ReplicatorException) e
                : new ReplicatorException(FailureKind.INTERNAL, String.valueOf(e.getMessage()), e);
    }
}
