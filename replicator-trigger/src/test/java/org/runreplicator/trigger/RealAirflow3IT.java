package org.runreplicator.trigger;

/** The function against Airflow 3's API server (REST API v2), as on Composer 3. */
class RealAirflow3IT extends RealAirflowContract {
    @Override
    protected AirflowApiVersion version() {
        return AirflowApiVersion.V2;
    }
}
