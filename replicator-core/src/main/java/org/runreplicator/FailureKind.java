package org.runreplicator;

/** Why a run failed, and the exit status DESIGN.md assigns to it. */
public enum FailureKind {
    /** Anything not classified below. */
    INTERNAL(1),
    /** Usage or configuration error: bad option, malformed partition spec, invalid name. */
    USAGE(2),
    /** Source error: connection, authentication, missing table, unsupported type. */
    SOURCE(3),
    /** Target, metastore or ledger error. */
    TARGET(4),
    /** Row counts written differ from the source's. */
    VALIDATION(5),
    /**
     * Stopped on request (SIGTERM, SIGINT) before the commit: nothing published, the run's files
     * removed. The exit status is the shell's for the signal: 143 for SIGTERM, 130 for SIGINT.
     */
    STOPPED(143);

    private final int exitCode;

    FailureKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * The kind of a failure thrown while copying: a {@link ReplicatorException}'s own; the source's
     * for a JDBC failure; the target's for an I/O failure anywhere beneath (Parquet wraps a failing
     * close); ours otherwise. The one rule, wherever a split's failure is classified.
     */
    public static FailureKind of(Throwable failure) {
        if (failure instanceof ReplicatorException) {
            return ((ReplicatorException) failure).kind();
        }
        if (failure instanceof java.sql.SQLException) {
            return SOURCE;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return TARGET;
            }
        }
        return INTERNAL;
    }
}
