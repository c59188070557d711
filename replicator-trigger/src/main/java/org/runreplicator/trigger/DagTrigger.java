package org.runreplicator.trigger;

import org.runreplicator.event.OnPremEvent;

/**
 * Starts the DAG run that copies an on-prem event's table on GCP.
 *
 * <p>Contract: the run's id is {@link DagRunId#of} the event, so triggering the same event again
 * starts nothing new and returns {@link Outcome#ALREADY_TRIGGERED}. A failure that may pass (the
 * server down, 5xx, 429, a timeout, a dropped connection, no access token yet) throws
 * {@link TransientTriggerException}, and the caller lets Pub/Sub redeliver; a refusal that a retry
 * would only repeat (4xx other than 409 and 429) throws {@link RefusedTriggerException}, and the
 * caller logs it and acknowledges. Every call ends within the bound it was configured with. Nothing
 * thrown or logged carries a credential.
 */
public interface DagTrigger {
    /** What became of a trigger. */
    enum Outcome { TRIGGERED, ALREADY_TRIGGERED }

    Outcome trigger(OnPremEvent event);

    /** Where runs are started, for logs: no credentials. */
    String describe();
}
