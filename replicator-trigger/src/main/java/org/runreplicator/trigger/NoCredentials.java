package org.runreplicator.trigger;

import java.util.Optional;

/**
 * No {@code Authorization} header: only for an Airflow on this machine's loopback address (a local
 * Airflow or a test's server), which {@link TriggerSettings} enforces.
 */
final class NoCredentials implements AirflowCredentials {
    @Override
    public Optional<String> authorization() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "no credentials (loopback Airflow)";
    }
}
