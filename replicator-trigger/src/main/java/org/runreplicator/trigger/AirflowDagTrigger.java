package org.runreplicator.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.runreplicator.event.OnPremEvent;

/**
 * Starts the DAG through Airflow's REST API: {@code POST /api/v1|v2/dags/{dag}/dagRuns} with
 * {@code {"dag_run_id": DagRunId, ["logical_date": null,] "conf": {"db_name", "table_name", "td_timestamp"}}},
 * the conf {@code dags/run_replicator.py} reads (its {@code Param}s), the timestamp in UTC.
 * 200/201: started; 409: that run exists already (a redelivery); 5xx, 429, 408, timeouts and
 * connection errors: transient; any other answer: refused.
 */
public final class AirflowDagTrigger implements DagTrigger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final URI dagRuns;
    private final AirflowApiVersion version;
    private final AirflowCredentials credentials;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the Airflow web server, e.g. Composer's {@code airflowUri}
     * @param timeout bound of one call: connecting, sending, and the answer
     */
    public AirflowDagTrigger(URI baseUrl, String dagId, AirflowApiVersion version, AirflowCredentials credentials, Duration timeout) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.dagRuns = URI.create(base + version.dagRunsPath(dagId));
        this.version = version;
        this.credentials = credentials;
        this.timeout = timeout;
        // HTTP/1.1: on http:// the JDK client otherwise asks to upgrade to h2c, and Airflow 3's server (uvicorn) then
        // drops the request body (422 "Field required"), as the test against a real Airflow showed.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Outcome trigger(OnPremEvent event) {
        String runId = DagRunId.of(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(dagRuns)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(event, runId)));
        try {
            credentials.authorization().ifPresent(value -> request.header("Authorization", value));
        } catch (IOException e) {
            throw new TransientTriggerException("Cannot get credentials (" + credentials.describe() + ") for " + dagRuns + ": "
                    + e.getMessage(), e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientTriggerException("Cannot reach Airflow at " + dagRuns + " for run " + runId + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientTriggerException("Interrupted while triggering run " + runId + " at " + dagRuns, e);
        }
        return outcome(response, runId);
    }

    private Outcome outcome(HttpResponse<String> response, String runId) {
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return Outcome.TRIGGERED;
        }
        if (status == 409) {
            return Outcome.ALREADY_TRIGGERED;
        }
        String what = "Airflow answered " + status + " to run " + runId + " at " + dagRuns + ": " + excerpt(response.body());
        if (status >= 500 || status == 429 || status == 408) {
            throw new TransientTriggerException(what);
        }
        throw new RefusedTriggerException(what);
    }

    String body(OnPremEvent event, String runId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("dag_run_id", runId);
        if (version.needsLogicalDate()) {
            body.putNull("logical_date");
        }
        ObjectNode conf = body.putObject("conf");
        conf.put("db_name", event.dbName());
        conf.put("table_name", event.tableName());
        conf.put("td_timestamp", event.tdTimestamp().toString());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the DAG run request for " + runId, e);
        }
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }

    @Override
    public String describe() {
        return dagRuns + " (" + credentials.describe() + ")";
    }
}
