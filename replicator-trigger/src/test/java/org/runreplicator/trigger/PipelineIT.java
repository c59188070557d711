package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.testing.BigQueryEmulator;
import org.runreplicator.testing.PubSubEmulator;

/**
 * The whole chain on one machine, printing each step: {@code replicator notify} from the job jar
 * publishes to Pub/Sub (pstest); the message, pulled back, is pushed to the trigger function (the
 * deployable jar in the Functions Framework invoker) in the exact envelope Eventarc pushes (pstest
 * does not push, so the test carries it); the function records the ledger pair in BigQuery (the
 * emulator) and queues the DAG run in a real Airflow 3 with the repository's DAG.
 */
@ExtendWith(BigQueryEmulator.Extension.class)
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "replicator-test";
    private static final Path JOB_JAR = Paths.get("..", "replicator-launcher", "target", "replicator-launcher-0.1.0-SNAPSHOT.jar");

    @TempDir
    Path dir;

    private static void step(String text) {
        System.out.println("[pipeline] " + text);
    }

    @Test
    void notifyPublishes_theFunctionRecordsTheLedgerPair_andAirflowQueuesTheDagRun(BigQueryEmulator bigQuery) throws Exception {
        String ledgerName = "bigquery:" + BigQueryEmulator.PROJECT + "." + BigQueryEmulator.DATASET + ".pipeline_ledger";
        try (PubSubEmulator pubSub = new PubSubEmulator(); RealAirflow airflow = new RealAirflow(dir, AirflowApiVersion.V2)) {
            airflow.start();
            pubSub.createTopicWithSubscription(PROJECT, "onprem-runs", "trigger-push");
            step("Pub/Sub (pstest) at " + pubSub.host() + ", topic projects/" + PROJECT + "/topics/onprem-runs;"
                    + " Airflow 3 at " + airflow.url() + " with the DAG run_replicator; ledger " + ledgerName);

            String published = notifyFromTheJobJar(pubSub.host(), "projects/" + PROJECT + "/topics/onprem-runs");
            step("1. replicator notify printed " + published);

            List<ReceivedMessage> received = pubSub.pull(PROJECT, "trigger-push", 10);
            assertThat(received).hasSize(1);
            PubsubMessage message = received.get(0).getMessage();
            step("2. Pub/Sub holds message " + message.getMessageId() + ": " + message.getData().toStringUtf8()
                    + " attributes " + message.getAttributesMap());

            try (FunctionInvoker invoker = new FunctionInvoker(Map.of(
                    TriggerSettings.LEDGER, ledgerName,
                    TriggerSettings.LEDGER_CREATE, "true",
                    TriggerSettings.BIGQUERY_EMULATOR_HOST, bigQuery.host(),
                    TriggerSettings.AIRFLOW_URL, airflow.url().toString(),
                    TriggerSettings.AIRFLOW_AUTH, "none"))) {
                HttpResponse<String> pushed = invoker.binary(message.getMessageId(), pushEnvelope(message, "trigger-push"));
                step("3. the trigger function answered " + pushed.statusCode() + " (acknowledged)");
                assertThat(pushed.statusCode()).as(invoker.log()).isEqualTo(200);
            }

            Instant td = Instant.parse("2024-05-01T02:00:00Z");
            try (RunLedger ledger = RunLedgers.open(LedgerOptions.builder(LedgerSpec.parse(ledgerName))
                    .bigQueryEmulatorHost(bigQuery.host()).callTimeout(Duration.ofSeconds(20)).build(), Clock.systemUTC()).orElseThrow()) {
                List<LedgerRow> rows = ledger.rows("dev1_groupondw", "ref_attr_class_dev", td);
                rows.forEach(row -> step("4. ledger row " + row));
                assertThat(rows).extracting(r -> r.key().environment() + " " + r.status())
                        .containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
            }

            String runId = DagRunId.of(OnPremEvent.of("dev1_groupondw", "ref_attr_class_dev", td, LedgerStatus.SUCCEEDED));
            HttpResponse<String> run = airflow.dagRun("run_replicator", runId);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            JsonNode dagRun = JSON.readTree(run.body());
            step("5. Airflow DAG run " + runId + " is " + dagRun.get("state").textValue() + " with conf " + dagRun.get("conf"));
            assertThat(dagRun.get("state").textValue()).isEqualTo("queued");
            assertThat(dagRun.get("conf").toString()).isEqualTo(
                    "{\"db_name\":\"dev1_groupondw\",\"table_name\":\"ref_attr_class_dev\",\"td_timestamp\":\"2024-05-01T02:00:00Z\"}");
        }
    }

    private String notifyFromTheJobJar(String pubSubHost, String topic) throws Exception {
        if (!Files.isRegularFile(JOB_JAR)) {
            throw new IllegalStateException(JOB_JAR + " is missing: build with -pl replicator-launcher,replicator-trigger -am");
        }
        Path out = dir.resolve("notify.out");
        Path err = dir.resolve("notify.err");
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JOB_JAR.toAbsolutePath().toString(), "org.runreplicator.cli.Replicator", "notify", "dev1_groupondw",
                "ref_attr_class_dev", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", topic)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PUBSUB_EMULATOR_HOST", pubSubHost);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("notify finished within 60s").isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out).strip();
    }

    /** The JSON body Pub/Sub push (and Eventarc) sends for a message. */
    private static String pushEnvelope(PubsubMessage message, String subscription) throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode body = envelope.putObject("message");
        body.put("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
        ObjectNode attributes = body.putObject("attributes");
        message.getAttributesMap().forEach(attributes::put);
        body.put("messageId", message.getMessageId());
        body.put("publishTime", Instant.ofEpochSecond(message.getPublishTime().getSeconds(), message.getPublishTime().getNanos()).toString());
        envelope.put("subscription", "projects/" + PROJECT + "/subscriptions/" + subscription);
        return JSON.writeValueAsString(envelope);
    }
}
