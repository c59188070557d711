package org.runreplicator.run;

import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * The partition was committed, but something the run does after its commit point failed (a
 * listener such as the ledger, or a metastore switch). The data stays committed; the summary
 * says what was committed so a caller can still report it.
 */
public final class CommittedRunException extends ReplicatorException {
    private static final long serialVersionUID = 1L;

    private final transient RunSummary summary;

    public CommittedRunException(String message, RunSummary summary, Throwable cause) {
        super(FailureKind.TARGET, message, cause);
        this.summary = summary;
    }

    /** What was committed. */
    public RunSummary summary() {
        return summary;
    }
}
