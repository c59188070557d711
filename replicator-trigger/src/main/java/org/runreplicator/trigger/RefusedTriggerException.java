package org.runreplicator.trigger;

/** Airflow refused the DAG run for good (a 4xx other than 409 and 429): redelivery would get the same answer. */
public final class RefusedTriggerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedTriggerException(String message) {
        super(message);
    }
}
