package org.runreplicator.commit;

import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * The commit point's write could not be confirmed or refuted: the store failed on it and on every
 * retry and read-back. Nothing was deleted, and the run's lease is held for a full term so that
 * nothing else touches what it published; the next run finds the log's answer and tidies up.
 */
public final class CommitOutcomeUnknownException extends ReplicatorException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(FailureKind.TARGET, message, cause);
    }
}
