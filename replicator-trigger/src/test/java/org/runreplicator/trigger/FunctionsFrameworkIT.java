package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runreplicator.trigger.PubSubEvents.eventJson;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.testing.BigQueryEmulator;

/**
 * The deployable jar served by the Functions Framework invoker, receiving Pub/Sub CloudEvents over
 * HTTP in both content modes (binary: {@code ce-*} headers; structured: {@code application/cloudevents+json}),
 * in exactly the shape Eventarc pushes; the ledger on goccy/bigquery-emulator through the real
 * BigQuery client; the DAG trigger going to an {@link AirflowStandIn} (a stand-in, so that Airflow
 * can be made to fail on demand; {@code RealAirflowContract} covers a real Airflow). HTTP 200 acknowledges
 * the message; 500 (the function threw) makes Pub/Sub redeliver.
 */
@ExtendWith(BigQueryEmulator.Extension.class)
class FunctionsFrameworkIT {
    private static final String TABLE = "trigger_ledger";
    private static final String TD = "2024-05-01T02:00:00Z";

    private static AirflowStandIn airflow;
    private static FunctionInvoker invoker;
    private static RunLedger ledger;

    @BeforeAll
    static void start(BigQueryEmulator bigQuery) throws Exception {
        airflow = new AirflowStandIn(TriggerSettings.DEFAULT_DAG, AirflowApiVersion.V2);
        String ledgerName = "bigquery:" + BigQueryEmulator.PROJECT + "." + BigQueryEmulator.DATASET + "." + TABLE;
        invoker = new FunctionInvoker(Map.of(
                TriggerSettings.LEDGER, ledgerName,
                TriggerSettings.LEDGER_CREATE, "true",
                TriggerSettings.BIGQUERY_EMULATOR_HOST, bigQuery.host(),
                TriggerSettings.AIRFLOW_URL, airflow.url().toString(),
                TriggerSettings.AIRFLOW_AUTH, "none"));
        ledger = RunLedgers.open(LedgerOptions.builder(LedgerSpec.parse(ledgerName)).bigQueryEmulatorHost(bigQuery.host())
                .callTimeout(Duration.ofSeconds(20)).build(), Clock.systemUTC()).orElseThrow();
        // The function creates the table too (REPLICATOR_LEDGER_CREATE), on its first valid event; the malformed case may come first.
        ledger.prepare(true);
    }

    @AfterAll
    static void stop() {
        if (invoker != null) {
            invoker.close();
        }
        if (airflow != null) {
            airflow.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    private static HttpResponse<String> binary(String id, String envelope) throws Exception {
        return invoker.binary(id, envelope);
    }

    private static HttpResponse<String> structured(String id, String envelope) throws Exception {
        return invoker.structured(id, envelope);
    }

    private static String envelope(String data, String messageId) {
        return PubSubEvents.envelope(data.getBytes(StandardCharsets.UTF_8), messageId);
    }

    private static List<String> rows(String table) {
        return ledger.rows("sales", table, Instant.parse(TD)).stream().map(FunctionsFrameworkIT::describe).toList();
    }

    private static String describe(LedgerRow row) {
        return row.key().environment() + " " + row.status();
    }

    private static long runsOf(String table) {
        return airflow.runIds().stream().filter(id -> id.startsWith("onprem__sales." + table + "__")).count();
    }

    @Test
    void aBinaryModeEvent_isRecordedInBigQuery_andQueuesOneDagRun_andARedeliveryChangesNothing() throws Exception {
        String envelope = envelope(eventJson("sales", "orders", TD, "SUCCEEDED"), "9001");

        HttpResponse<String> first = binary("9001", envelope);
        HttpResponse<String> again = binary("9001", envelope);

        assertThat(first.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(again.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(rows("orders")).containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
        assertThat(runsOf("orders")).isEqualTo(1);
        assertThat(airflow.requests().stream().filter(r -> r.body().toString().contains("\"orders\"")).count()).isEqualTo(2);
    }

    @Test
    void aStructuredModeEvent_isHandledTheSameWay() throws Exception {
        HttpResponse<String> response = structured("9002", envelope(eventJson("sales", "returns", TD, "SUCCEEDED"), "9002"));

        assertThat(response.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(rows("returns")).containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
        assertThat(runsOf("returns")).isEqualTo(1);
    }

    @Test
    void aMalformedEvent_isAcknowledged_andTouchesNothing() throws Exception {
        int before = airflow.requests().size();

        HttpResponse<String> response = binary("9003", envelope(eventJson("sales", "bad table", TD, "SUCCEEDED"), "9003"));
        HttpResponse<String> notJson = binary("9004", envelope("{not json", "9004"));

        assertThat(response.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(notJson.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(ledger.rows("sales", "bad table", null)).isEmpty();
        assertThat(airflow.requests()).hasSize(before);
        assertThat(invoker.log()).contains("Ignoring CloudEvent 9003").contains("Ignoring CloudEvent 9004");
    }

    @Test
    void airflowFailing_answers500SoPubSubRedelivers_andTheRedeliveryQueuesTheRunOnce() throws Exception {
        String envelope = envelope(eventJson("sales", "refunds", TD, "SUCCEEDED"), "9005");
        airflow.failNext(503);

        HttpResponse<String> failed = binary("9005", envelope);
        HttpResponse<String> redelivered = binary("9005", envelope);

        assertThat(failed.statusCode()).as(invoker.log()).isEqualTo(500);
        assertThat(redelivered.statusCode()).as(invoker.log()).isEqualTo(200);
        assertThat(rows("refunds")).containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
        assertThat(runsOf("refunds")).isEqualTo(1);
    }
}
