package org.runreplicator.trigger;

/** The function against Airflow 2.10's web server (REST API v1), as on Composer 2. */
class RealAirflow2IT extends RealAirflowContract {
    @Override
    protected AirflowApiVersion version() {
        return AirflowApiVersion.V1;
    }
}
