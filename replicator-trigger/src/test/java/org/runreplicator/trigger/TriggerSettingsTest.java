package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.runreplicator.ledger.LedgerSpec;

class TriggerSettingsTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(TriggerSettings.LEDGER, "bigquery:etl-prod.ops.run_ledger");
        env.put(TriggerSettings.AIRFLOW_URL, "https://example-dot-us-central1.composer.googleusercontent.com");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaults() {
        TriggerSettings settings = TriggerSettings.fromEnvironment(env());

        assertThat(settings.ledger().spec().kind()).isEqualTo(LedgerSpec.Kind.BIGQUERY);
        assertThat(settings.ledger().createTable()).isFalse();
        assertThat(settings.ledger().bigQueryEmulatorHost()).isNull();
        assertThat(settings.airflowUrl()).isEqualTo(URI.create("https://example-dot-us-central1.composer.googleusercontent.com"));
        assertThat(settings.dagId()).isEqualTo("run_replicator");
        assertThat(settings.apiVersion()).isEqualTo(AirflowApiVersion.V2);
        assertThat(settings.googleAuth()).isTrue();
        assertThat(settings.airflowTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyVariableIsRead() {
        TriggerSettings settings = TriggerSettings.fromEnvironment(env(TriggerSettings.LEDGER, "jdbc:postgresql://10.0.0.5/ops",
                TriggerSettings.LEDGER_TABLE, "ops.run_ledger", TriggerSettings.LEDGER_USER, "trigger",
                TriggerSettings.LEDGER_PASSWORD, "s3cret", TriggerSettings.LEDGER_CREATE, "true",
                TriggerSettings.AIRFLOW_DAG, "run_replicator_v2", TriggerSettings.AIRFLOW_API, "v1",
                TriggerSettings.AIRFLOW_TIMEOUT_SECONDS, "12"));

        assertThat(settings.ledger().table()).isEqualTo("ops.run_ledger");
        assertThat(settings.ledger().user()).isEqualTo("trigger");
        assertThat(settings.ledger().password().toString()).doesNotContain("s3cret");
        assertThat(settings.ledger().createTable()).isTrue();
        assertThat(settings.dagId()).isEqualTo("run_replicator_v2");
        assertThat(settings.apiVersion()).isEqualTo(AirflowApiVersion.V1);
        assertThat(settings.airflowTimeout()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void noAuthentication_onlyForALoopbackAirflow() {
        assertThat(TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_URL, "http://127.0.0.1:8080",
                TriggerSettings.AIRFLOW_AUTH, "none")).googleAuth()).isFalse();
        assertThat(TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_URL, "http://localhost:8080",
                TriggerSettings.AIRFLOW_AUTH, "none")).googleAuth()).isFalse();
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_AUTH, "none")))
                .hasMessage("REPLICATOR_AIRFLOW_AUTH=none is only for an Airflow on loopback, not"
                        + " example-dot-us-central1.composer.googleusercontent.com");
    }

    @Test
    void missingOrInvalidVariables_failTheStartNamingThem() {
        Map<String, String> noLedger = env();
        noLedger.remove(TriggerSettings.LEDGER);
        Map<String, String> noUrl = env();
        noUrl.remove(TriggerSettings.AIRFLOW_URL);

        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(noLedger)).hasMessage("REPLICATOR_LEDGER is not set");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(noUrl)).hasMessage("REPLICATOR_AIRFLOW_URL is not set");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.LEDGER, "none")))
                .hasMessageStartingWith("REPLICATOR_LEDGER must name a ledger");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_URL, "ftp://airflow")))
                .hasMessageStartingWith("REPLICATOR_AIRFLOW_URL 'ftp://airflow' is invalid");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_API, "v3")))
                .hasMessage("REPLICATOR_AIRFLOW_API 'v3' is not v1 (Airflow 2) or v2 (Airflow 3)");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_DAG, "run/../x")))
                .hasMessageStartingWith("REPLICATOR_AIRFLOW_DAG 'run/../x' is not a DAG id");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.AIRFLOW_TIMEOUT_SECONDS, "0")))
                .hasMessageStartingWith("REPLICATOR_AIRFLOW_TIMEOUT_SECONDS '0'");
        assertThatThrownBy(() -> TriggerSettings.fromEnvironment(env(TriggerSettings.LEDGER_PASSWORD, "s3cret",
                TriggerSettings.LEDGER_TABLE, "bad table"))).hasMessageNotContaining("s3cret");
    }
}
