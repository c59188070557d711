package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.runreplicator.trigger.PubSubEvents.eventJson;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.runreplicator.ledger.LedgerSpec;

/**
 * Malformed or unsafe events are acknowledged (the function returns) and touch nothing: no ledger
 * row, no request to Airflow. One function, ledger and Airflow stand-in serve every case, and after
 * each the ledger table is still empty and Airflow has heard nothing.
 */
class MalformedEventsIT {
    private static final String TD = "2024-05-01T02:00:00Z";
    @TempDir
    static Path dir;
    private static TriggerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new TriggerFixture(dir);
        fixture.ledger.prepare(true);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<Arguments> malformedEvents() {
        String valid = eventJson("sales", "orders", TD, "SUCCEEDED");
        return Stream.of(
                data("empty data", ""),
                data("not JSON", "dbName=sales tableName=orders"),
                data("truncated JSON", "{\"dbName\":\"sales\",\"tableName\":"),
                data("a JSON array", "[\"sales\",\"orders\"]"),
                data("a JSON string", "\"sales.orders\""),
                data("JSON null", "null"),
                data("dbName missing", valid.replace("\"dbName\":\"sales\",", "")),
                data("tableName missing", valid.replace("\"tableName\":\"orders\",", "")),
                data("td_timestamp missing", valid.replace("\"td_timestamp\":\"" + TD + "\",", "")),
                data("status missing", valid.replace("\"status\":\"SUCCEEDED\",", "")),
                data("environment missing", valid.replace(",\"environment\":\"ONPREM\"", "")),
                data("dbName a number", valid.replace("\"dbName\":\"sales\"", "\"dbName\":42")),
                data("dbName an object", valid.replace("\"dbName\":\"sales\"", "\"dbName\":{\"name\":\"sales\"}")),
                data("tableName null", valid.replace("\"tableName\":\"orders\"", "\"tableName\":null")),
                data("td_timestamp epoch number", valid.replace("\"" + TD + "\"", "1714528800")),
                data("status a boolean", valid.replace("\"SUCCEEDED\"", "true")),
                data("dbName with a space", eventJson("sales db", "orders", TD, "SUCCEEDED")),
                data("dbName with SQL", eventJson("x';DROP TABLE run_ledger;--", "orders", TD, "SUCCEEDED")),
                data("tableName with a quote", eventJson("sales", "ord\\\"ers", TD, "SUCCEEDED")),
                data("tableName with a dot", eventJson("sales", "dbc.tables", TD, "SUCCEEDED")),
                data("tableName starting with a digit", eventJson("sales", "1orders", TD, "SUCCEEDED")),
                data("dbName empty", eventJson("", "orders", TD, "SUCCEEDED")),
                data("dbName of 129 characters", eventJson("d".repeat(129), "orders", TD, "SUCCEEDED")),
                data("dbName with a newline", eventJson("sales\\norders", "orders", TD, "SUCCEEDED")),
                data("dbName non-ASCII (the DAG refuses it)", eventJson("caf\u00e9", "orders", TD, "SUCCEEDED")),
                data("td_timestamp a word", eventJson("sales", "orders", "yesterday", "SUCCEEDED")),
                data("td_timestamp month 13", eventJson("sales", "orders", "2024-13-01T02:00:00Z", "SUCCEEDED")),
                data("td_timestamp a date only", eventJson("sales", "orders", "2024-05-01", "SUCCEEDED")),
                data("td_timestamp epoch text", eventJson("sales", "orders", "1714528800", "SUCCEEDED")),
                data("td_timestamp with a space", eventJson("sales", "orders", "2024-05-01 02:00:00", "SUCCEEDED")),
                data("status RUNNING is not an end", eventJson("sales", "orders", TD, "RUNNING")),
                data("status unknown", eventJson("sales", "orders", TD, "DONE")),
                data("status lower case", eventJson("sales", "orders", TD, "succeeded")),
                data("environment GCP", valid.replace("ONPREM", "GCP")),
                data("a duplicate field", valid.replace("{", "{\"dbName\":\"other\",")),
                data("oversized payload", valid.replace("}", ",\"padding\":\"" + "x".repeat(9000) + "\"}")),
                Arguments.of("data not UTF-8", PubSubEvents.published(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})),
                envelope("another event type", "google.cloud.storage.object.v1.finalized",
                        PubSubEvents.envelope(valid.getBytes(StandardCharsets.UTF_8), "1")),
                envelope("no CloudEvent data", PubSubCloudEvent.MESSAGE_PUBLISHED, null),
                envelope("envelope not JSON", PubSubCloudEvent.MESSAGE_PUBLISHED, "message=1"),
                envelope("envelope without message", PubSubCloudEvent.MESSAGE_PUBLISHED, "{\"subscription\":\"s\"}"),
                envelope("message.data not base64", PubSubCloudEvent.MESSAGE_PUBLISHED, "{\"message\":{\"data\":\"%%%\"}}"),
                envelope("message.data a number", PubSubCloudEvent.MESSAGE_PUBLISHED, "{\"message\":{\"data\":12}}"),
                envelope("oversized envelope", PubSubCloudEvent.MESSAGE_PUBLISHED,
                        "{\"message\":{\"data\":\"\",\"attributes\":{\"x\":\"" + "y".repeat(40_000) + "\"}}}"));
    }

    private static Arguments data(String name, String data) {
        return Arguments.of(name, PubSubEvents.published(data));
    }

    private static Arguments envelope(String name, String type, String envelope) {
        return Arguments.of(name, PubSubEvents.withEnvelope(type, envelope == null ? null : envelope.getBytes(StandardCharsets.UTF_8), "e1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void malformedEventIsAcknowledged_andTouchesNothing(String name, CloudEvent event) throws Exception {
        assertThatCode(() -> fixture.function.accept(event)).as(name).doesNotThrowAnyException();

        assertThat(ledgerRowCount()).as("ledger rows after " + name).isZero();
        assertThat(fixture.airflow.requests()).as("Airflow requests after " + name).isEmpty();
    }

    @Test
    void theValidEventTheCasesAreMadeFrom_isAccepted() throws Exception {
        Path other = dir.resolve("valid");
        try (TriggerFixture valid = new TriggerFixture(other)) {
            valid.function.accept(PubSubEvents.published(eventJson("sales", "orders", TD, "SUCCEEDED")));

            assertThat(valid.rows("sales", "orders")).hasSize(2);
            assertThat(valid.airflow.requests()).hasSize(1);
        }
    }

    private static long ledgerRowCount() throws Exception {
        try (Connection c = DriverManager.getConnection(LedgerSpec.embedded(dir.resolve("ledger")).jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + LedgerSpec.DEFAULT_TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
