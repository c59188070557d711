package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.runreplicator.trigger.PubSubEvents.eventJson;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;

/**
 * The function in this JVM with a real ledger (H2 file, the embedded backend) and an
 * {@link AirflowStandIn} (a stand-in for Airflow's REST endpoint, not Airflow: it can be made to
 * fail on demand; {@code RealAirflowContract} checks the same client against a real Airflow).
 */
class RunTriggerFunctionIT {
    private static final String TD = "2024-05-01T02:00:00Z";
    private static final Instant TD_INSTANT = Instant.parse(TD);

    @TempDir
    Path dir;

    @Test
    void aValidEvent_recordsOnPremSucceededAndGcpPending_andQueuesOneDagRunWithTheConfTheDagReads() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.function.accept(PubSubEvents.published(eventJson("dev1_groupondw", "ref_attr_class_dev", TD, "SUCCEEDED")));

            assertThat(f.rows("dev1_groupondw", "ref_attr_class_dev")).extracting(r -> r.key().environment() + " " + r.status()
                    + " " + r.key().tdTimestamp() + " " + r.jobId()).containsExactlyInAnyOrder(
                    "ONPREM SUCCEEDED " + TD + " null", "GCP PENDING " + TD + " null");
            List<AirflowStandIn.Request> requests = f.airflow.requests();
            assertThat(requests).hasSize(1);
            AirflowStandIn.Request request = requests.get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v2/dags/run_replicator/dagRuns");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.authorization()).isNull();
            assertThat(request.body().get("dag_run_id").textValue())
                    .isEqualTo(DagRunId.of(OnPremEvent.of("dev1_groupondw", "ref_attr_class_dev", TD_INSTANT, LedgerStatus.SUCCEEDED)))
                    .startsWith("onprem__dev1_groupondw.ref_attr_class_dev__2024-05-01T02:00:00Z__");
            assertThat(request.body().has("logical_date")).isTrue();
            assertThat(request.body().get("logical_date").isNull()).isTrue();
            assertThat(request.body().get("conf").toString())
                    .isEqualTo("{\"db_name\":\"dev1_groupondw\",\"table_name\":\"ref_attr_class_dev\",\"td_timestamp\":\"" + TD + "\"}");
        }
    }

    @Test
    void theSameEventRedelivered_leavesOneLedgerPairAndOneDagRun_andThe409CountsAsSuccess() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            List<LedgerRow> first = f.rows("sales", "orders");
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            // The same instant written with an offset is the same on-prem run.
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", "2024-05-01T04:00:00+02:00", "SUCCEEDED")));

            assertThat(f.rows("sales", "orders")).extracting(r -> r.key().environment() + " " + r.status())
                    .containsExactlyInAnyOrder("ONPREM SUCCEEDED", "GCP PENDING");
            assertThat(first).hasSize(2);
            assertThat(f.airflow.requests()).hasSize(3);
            assertThat(f.airflow.requests()).extracting(r -> r.body().get("dag_run_id").textValue()).containsOnly(
                    f.airflow.runIds().iterator().next());
            assertThat(f.airflow.runIds()).hasSize(1);
        }
    }

    @Test
    void aRedeliveryAfterTheDagMarkedTheRunRunning_doesNotMoveTheGcpRowBack() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            LedgerRow pending = f.rows("sales", "orders").stream().filter(r -> r.key().environment().equals("GCP")).findFirst()
                    .orElseThrow();
            f.ledger.record(pending.key(), LedgerStatus.RUNNING, "job-1");

            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

            assertThat(f.rows("sales", "orders")).extracting(r -> r.key().environment() + " " + r.status() + " " + r.jobId())
                    .containsExactlyInAnyOrder("ONPREM SUCCEEDED null", "GCP RUNNING job-1");
        }
    }

    @Test
    void airflowAnswering503_throwsSoPubSubRedelivers_andTheNextDeliveryQueuesTheRunOnce() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.airflow.failNext(503);

            assertThatThrownBy(() -> f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                    .isInstanceOf(TransientTriggerException.class).hasMessageContaining("Airflow answered 503");
            assertThat(f.airflow.runIds()).isEmpty();

            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

            assertThat(f.airflow.runIds()).hasSize(1);
            assertThat(f.rows("sales", "orders")).hasSize(2);
        }
    }

    @Test
    void airflowAnswering500or429_isTransient() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            for (int status : new int[] {500, 502, 504, 429, 408}) {
                f.airflow.failNext(status);
                assertThatThrownBy(() -> f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                        .as("status " + status).isInstanceOf(TransientTriggerException.class);
            }
        }
    }

    @Test
    void airflowRefusing400_or403_isLoggedAndAcknowledged_afterTheLedgerRows() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.airflow.failNext(400, 403, 404);

            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

            assertThat(f.airflow.requests()).hasSize(3);
            assertThat(f.airflow.runIds()).isEmpty();
            assertThat(f.rows("sales", "orders")).hasSize(2);
        }
    }

    @Test
    void airflowDown_connectionRefused_throws() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (TriggerFixture f = new TriggerFixture(dir)) {
            RunTriggerFunction function = new RunTriggerFunction(f.ledger, true, new AirflowDagTrigger(
                    URI.create("http://127.0.0.1:" + closedPort), "run_replicator", AirflowApiVersion.V2, new NoCredentials(),
                    Duration.ofSeconds(2)));

            assertThatThrownBy(() -> function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                    .isInstanceOf(TransientTriggerException.class).hasMessageContaining("Cannot reach Airflow at http://127.0.0.1:"
                            + closedPort + "/api/v2/dags/run_replicator/dagRuns");
        }
    }

    @Test
    void airflowHangingBeyondTheTimeout_throwsWithinTheBound() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir, AirflowApiVersion.V2, new NoCredentials(), Duration.ofSeconds(1))) {
            f.airflow.delay(4000);
            long started = System.nanoTime();

            assertThatThrownBy(() -> f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                    .isInstanceOf(TransientTriggerException.class).hasMessageContaining("HttpTimeoutException");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anOnPremRunThatFailed_isRecordedAsFailed_andStartsNothingOnGcp() throws Exception {
        try (TriggerFixture f = new TriggerFixture(dir)) {
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "FAILED")));

            assertThat(f.rows("sales", "orders")).extracting(r -> r.key().environment() + " " + r.status())
                    .containsExactly("ONPREM FAILED");
            assertThat(f.airflow.requests()).isEmpty();
        }
    }

    @Test
    void airflow2_getsTheV1PathAndNoLogicalDate_andTheAccessToken() throws Exception {
        AirflowCredentials token = new AirflowCredentials() {
            @Override
            public Optional<String> authorization() {
                return Optional.of("Bearer token-for-the-test");
            }

            @Override
            public String describe() {
                return "a fixed token";
            }
        };
        try (TriggerFixture f = new TriggerFixture(dir, AirflowApiVersion.V1, token, Duration.ofSeconds(5))) {
            f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

            AirflowStandIn.Request request = f.airflow.requests().get(0);
            assertThat(request.path()).isEqualTo("/api/v1/dags/run_replicator/dagRuns");
            assertThat(request.body().has("logical_date")).isFalse();
            assertThat(request.authorization()).isEqualTo("Bearer token-for-the-test");
            assertThat(f.airflow.runIds()).hasSize(1);
        }
    }

    @Test
    void credentialsThatCannotBeHad_areTransient_andNeverSent() throws Exception {
        AirflowCredentials broken = new AirflowCredentials() {
            @Override
            public Optional<String> authorization() throws IOException {
                throw new IOException("The Application Default Credentials are not available");
            }

            @Override
            public String describe() {
                return "Application Default Credentials";
            }
        };
        try (TriggerFixture f = new TriggerFixture(dir, AirflowApiVersion.V2, broken, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED"))))
                    .isInstanceOf(TransientTriggerException.class).hasMessageContaining("Cannot get credentials");
            assertThat(f.airflow.requests()).isEmpty();
        }
    }
}
