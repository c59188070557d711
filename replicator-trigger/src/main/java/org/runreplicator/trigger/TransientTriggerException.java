package org.runreplicator.trigger;

/** The event could not be handled now, but may be later: thrown out of the function so Pub/Sub redelivers it. */
public final class TransientTriggerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransientTriggerException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientTriggerException(String message) {
        super(message);
    }
}
