package org.runreplicator.trigger;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code Authorization} header value for Airflow's REST API, if it needs one. Implementations
 * cache and refresh what they hold, are safe for concurrent use, and never put a credential in an
 * exception message or a log line.
 */
public interface AirflowCredentials {
    /**
     * The header value to send now (refreshed when near expiry), or empty to send none.
     *
     * @throws IOException a token could not be had now (the caller treats it as transient)
     */
    Optional<String> authorization() throws IOException;

    /** What kind of credentials these are, for logs. */
    String describe();
}
