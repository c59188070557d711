package org.runreplicator;

/**
 * A failure with a kind (which decides the exit status) and a message a user can act on:
 * what could not be done and why, with the values. Messages never carry secrets.
 */
public class ReplicatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public ReplicatorException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ReplicatorException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    public static ReplicatorException usage(String message) {
        return new ReplicatorException(FailureKind.USAGE, message);
    }

    public static ReplicatorException source(String message, Throwable cause) {
        return new ReplicatorException(FailureKind.SOURCE, message, cause);
    }

    public static ReplicatorException target(String message, Throwable cause) {
        return new ReplicatorException(FailureKind.TARGET, message, cause);
    }
}
