package org.runreplicator.cli;

import org.runreplicator.event.OnPremEvent;

/**
 * Publishes on-prem events. Contract: {@link #publish} returns only once the messaging service has
 * acknowledged (stored) the event, and returns its message id; it retries transient failures but
 * ends within the bound it was built with, otherwise failing with a {@code ReplicatorException} of
 * kind TARGET whose message names the destination and the reason. Publishing the same event twice
 * is harmless: receivers de-duplicate by the event's key.
 */
interface EventPublisher {
    String publish(OnPremEvent event);
}
