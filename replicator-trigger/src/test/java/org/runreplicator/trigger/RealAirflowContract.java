package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.runreplicator.trigger.PubSubEvents.eventJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;

/**
 * The function against a real Airflow with the repository's DAG loaded, once per REST API version
 * (one tiny subclass each): the run is queued with the conf {@code run_replicator} reads, a
 * redelivery's 409 counts as success, an Airflow that is down makes the function throw and the later
 * delivery queues the run once, and an unknown DAG (404) is acknowledged. The ledger is the embedded
 * backend.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealAirflowContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TD = "2024-05-01T02:00:00Z";

    private RealAirflow airflow;
    private RunLedger ledger;

    /** The REST API the Airflow under test serves: v1 for Airflow 2, v2 for Airflow 3. */
    protected abstract AirflowApiVersion version();

    // A parameter, not a field: JUnit fills @TempDir instance fields only before each test, after @BeforeAll.
    @BeforeAll
    void prepare(@TempDir Path dir) throws Exception {
        airflow = new RealAirflow(dir, version());
        ledger = RunLedgers.open(LedgerOptions.builder(LedgerSpec.embedded(dir.resolve("ledger"))).build(), Clock.systemUTC())
                .orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        if (airflow != null) {
            airflow.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    private RunTriggerFunction function(String dagId) {
        return new RunTriggerFunction(ledger, true, new AirflowDagTrigger(airflow.url(), dagId, version(),
                new NoCredentials(), Duration.ofSeconds(30)));
    }

    private JsonNode dagRun(String runId) throws Exception {
        HttpResponse<String> response = airflow.dagRun("run_replicator", runId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void airflowDown_theFunctionThrowsSoPubSubRedelivers() {
        assertThatThrownBy(() -> function("run_replicator").accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                .isInstanceOf(TransientTriggerException.class).hasMessageContaining("Cannot reach Airflow");
    }

    @Test
    @Order(2)
    void airflowUp_theRedeliveryQueuesOneRunWithTheConfTheDagReads_andAnotherRedeliveryGets409AsSuccess() throws Exception {
        airflow.start();
        RunTriggerFunction function = function("run_replicator");

        function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
        function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

        String runId = DagRunId.of(OnPremEvent.of("sales", "orders", Instant.parse(TD), LedgerStatus.SUCCEEDED));
        JsonNode run = dagRun(runId);
        assertThat(run.get("state").textValue()).isEqualTo("queued");
        assertThat(run.get("conf").toString()).isEqualTo("{\"db_name\":\"sales\",\"table_name\":\"orders\",\"td_timestamp\":\"" + TD + "\"}");
        JsonNode runs = JSON.readTree(airflow.get(version().dagRunsPath("run_replicator")).body());
        assertThat(runs.get("total_entries").asInt()).isEqualTo(1);
        assertThat(ledger.rows("sales", "orders", null)).extracting(r -> r.key().environment() + " " + r.status())
                .containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
    }

    @Test
    @Order(3)
    void anUnknownDag_isRefused404_andAcknowledged() throws Exception {
        function("no_such_dag").accept(PubSubEvents.published(eventJson("sales", "returns", TD, "SUCCEEDED")));

        AirflowDagTrigger trigger = new AirflowDagTrigger(airflow.url(), "no_such_dag", version(), new NoCredentials(),
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> trigger.trigger(OnPremEvent.of("sales", "returns", Instant.parse(TD), LedgerStatus.SUCCEEDED)))
                .isInstanceOf(RefusedTriggerException.class).hasMessageContaining("Airflow answered 404");
    }
}
