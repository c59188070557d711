package org.runreplicator.ledger;

import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/** The ledger could not be reached, prepared, read or written: a TARGET failure (exit 4). Messages never carry secrets. */
public final class LedgerException extends ReplicatorException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message, Throwable cause) {
        super(FailureKind.TARGET, message, cause);
    }

    public LedgerException(String message) {
        super(FailureKind.TARGET, message);
    }
}
