package org.runreplicator.event;

/**
 * An event that cannot be accepted as it is: its reason says what is wrong with it, never echoing
 * more than a short, sanitised piece of the payload. A redelivery would be just as malformed, so the
 * receiver logs the reason and acknowledges.
 */
public final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
